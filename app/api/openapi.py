"""GET /api/v1/openapi.json, built from the routes' @documented metadata and marshmallow schemas."""
from flask import current_app, jsonify

from app.api.blueprint import api
from app.api.docs import build_spec, documented


@api.get("/openapi.json")
@documented(summary="本接口的 OpenAPI 3 描述", tag="文档", response={"type": "object"}, public=True)
def openapi():
    spec = current_app.extensions.get("openapi")
    if spec is None:
        spec = current_app.extensions["openapi"] = build_spec(current_app)
    return jsonify(spec)
