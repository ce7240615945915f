"""Versioned job, event and RPC messages, and the subjects they travel on."""
