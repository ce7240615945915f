"""drama_gateway."""
