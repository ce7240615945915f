"""Image, video and merge generation: choosing a config, starting jobs, applying outcomes."""
