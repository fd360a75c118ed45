"""JSON API under /api/v1: bearer authentication, errors, OpenAPI description."""
