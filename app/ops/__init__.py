"""Operations endpoints: liveness, readiness, metrics (运行监控)."""
