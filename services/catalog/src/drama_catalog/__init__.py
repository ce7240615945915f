"""drama_catalog."""
