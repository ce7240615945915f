"""What the generation workers share: config resolution, events, fetching, limits."""
