"""/healthz, /readyz, /metrics (no login: probes and the monitoring platform call them)."""
from __future__ import annotations

import time

from flask import Blueprint, Response, current_app, g, jsonify, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

from app.context import clock, time_zone
from app.extensions import db
from app.ops import service

bp = Blueprint("ops", __name__)
PUBLIC_ENDPOINTS = {"ops.healthz", "ops.readyz", "ops.metrics"}

registry = CollectorRegistry()
REQUESTS = Counter("http_requests_total", "HTTP requests", ["method", "endpoint", "status"], registry=registry)
LATENCY = Histogram("http_request_seconds", "HTTP request latency", ["endpoint"], registry=registry)


class WorkflowCacheCollector:
    """The hot workflow cache of this worker (app/workflow/hot_cache.py), read at scrape time."""

    def collect(self):
        hot = current_app.extensions["workflow"].hot
        if hot is None:
            return
        yield GaugeMetricFamily("workflow_cache_entries", "Workflows kept in memory by this worker", value=len(hot))
        yield CounterMetricFamily("workflow_cache_hits", "Steps that reused the workflow of the last save",
                                  value=hot.hits)
        yield CounterMetricFamily("workflow_cache_misses", "Steps that read and deserialized the stored state",
                                  value=hot.misses)


registry.register(WorkflowCacheCollector())


@bp.get("/healthz")
def healthz():
    return jsonify({"status": "ok"})


@bp.get("/readyz")
def readyz():
    checks = service.readiness(db.session, now=clock().now(), tz=time_zone())
    ready = all(c.ok for c in checks)
    body = {
        "status": "ready" if ready else "not_ready",
        "checks": {c.name: {"ok": c.ok, "detail": c.detail} for c in checks},
    }
    return jsonify(body), 200 if ready else 503


@bp.get("/metrics")
def metrics():
    return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)


def start_timer() -> None:
    g.request_started = time.perf_counter()


def observe(response):
    endpoint = request.endpoint or "unknown"
    started = g.get("request_started")
    if started is not None:
        LATENCY.labels(endpoint).observe(time.perf_counter() - started)
    REQUESTS.labels(request.method, endpoint, str(response.status_code)).inc()
    return response
