"""drama_videogen."""
