"""drama_studio."""
