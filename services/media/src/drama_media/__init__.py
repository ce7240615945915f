"""drama_media."""
