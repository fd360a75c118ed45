"""Task forms: one JSON Schema file per form key drives the HTML form,
server-side validation and the API's description of the task."""
