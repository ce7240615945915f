"""drama_common."""
