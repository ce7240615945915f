"""drama_imagegen."""
