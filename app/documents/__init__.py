"""Legal documents (执法文书): registry, rendering from docxtpl templates, numbering, versions, service."""
