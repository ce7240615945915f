"""Language-model flows through the real bus, against a fake OpenAI-compatible server."""
