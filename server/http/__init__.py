"""The HTTP surface: command and view tables, request models, the OpenAPI document, problem details."""
