"""`make test`: the whole suite on SQLite, then on PostgreSQL; fails if either fails."""
from __future__ import annotations

import os
import subprocess
import sys

DATABASES = ("sqlite", "postgresql")


def main(argv: list[str]) -> int:
    results = {}
    for database in DATABASES:
        print(f"\n===== 测试数据库 / test database: {database} =====", flush=True)
        env = dict(os.environ, TEST_DATABASE=database)
        results[database] = subprocess.call([sys.executable, "-m", "pytest", *argv], env=env)
    failed = [db for db, code in results.items() if code != 0]
    print("\n===== summary: " + ", ".join(f"{db}: {'ok' if code == 0 else f'exit {code}'}" for db, code in results.items()))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
