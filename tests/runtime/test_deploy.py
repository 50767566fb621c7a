"""deploy/ as files: what the compose file, the Kubernetes manifests, the Dockerfile and the locks
must carry. `make test-deploy` (tests/deploy) runs the image and the compose topology for real;
these checks cover what a run on this machine cannot (a registry, a cluster, the official images)
and fail fast on the faults issue 13 found."""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath

import pytest
import yaml

from bot import settings
from bot.runtime import proxy
from bot.runtime.stack import ROOT, free_port

DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
COMPOSE = DEPLOY / "docker-compose.yml"
DIGEST = re.compile(r"@sha256:[0-9a-f]{64}$")
# Every value ever published as an example secret in this repository (deploy/signpost.env.example
# and deploy/k8s/config.yaml before issue 13): anyone can read them, so none may sign anything.
PUBLISHED_PLACEHOLDERS = ("change-me", "change-me-to-32-or-more-random-characters")


def docs(path: Path) -> list:
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


def all_k8s() -> list:
    return [d for p in sorted(K8S.glob("*.yaml")) if p.name != "kustomization.yaml" for d in docs(p)]


def by_kind(kind: str) -> dict:
    return {d["metadata"]["name"]: d for d in all_k8s() if d["kind"] == kind}


def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def default_of(value: str) -> str:
    """The default of a compose "${VAR:-default}" value, or the value itself."""
    m = re.fullmatch(r"\$\{[A-Z0-9_]+:-(.*)\}", value)
    return m.group(1) if m else value


def dockerfile_stages() -> list:
    """[(FROM line, [instructions])] of deploy/Dockerfile, continuation lines joined."""
    text = re.sub(r"\\\n", " ", (DEPLOY / "Dockerfile").read_text())
    stages = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.upper().startswith("FROM "):
            stages.append((line, []))
        elif stages:
            stages[-1][1].append(line)
    return stages


# ---- the topology ------------------------------------------------------------------------------
def test_compose_topology():
    services = compose()["services"]
    assert {"postgres", "redis", "rasa-1", "rasa-2", "actions-1", "actions-2", "web", "nginx",
            "retention"} <= set(services)
    published = {name for name, s in services.items() if s.get("ports")}
    assert published == {"nginx"}                     # the only public door
    assert compose()["networks"]["internal"]["internal"] is True
    for name in ("rasa-1", "rasa-2", "actions-1", "actions-2", "web"):
        s = services[name]
        assert s["healthcheck"]["test"] and s["networks"] == ["internal"]
        assert s["environment"]["SIGNPOST_REQUIRE_MODEL_CHECKSUM"] == "1"
        assert int(s["environment"]["SANIC_REQUEST_MAX_SIZE"]) <= 1024 * 1024
        assert s["read_only"] is True
    rasa_cmd = services["rasa-1"]["command"]
    assert "--enable-api" not in rasa_cmd and "endpoints.prod.yml" in rasa_cmd
    assert "bot.privacy.retention" in " ".join(services["retention"]["command"])


def test_every_long_running_service_comes_back_by_itself():
    """Restart policies everywhere (a dead process is started again), health checks on every
    service that serves, probes on every Kubernetes container."""
    for name, s in compose()["services"].items():
        assert s.get("restart") in ("always", "unless-stopped"), name
        if name != "retention":
            assert s["healthcheck"]["test"], name
    for name, d in by_kind("Deployment").items():
        spec = d["spec"]["template"]["spec"]
        assert spec.get("restartPolicy", "Always") == "Always", name
        for c in spec["containers"]:
            assert c["readinessProbe"] and c["livenessProbe"], name


def test_every_deployment_has_probes_and_resources():
    deployments = by_kind("Deployment")
    assert set(deployments) == {"signpost-rasa", "signpost-actions", "signpost-web",
                                "signpost-nginx"}
    for name, d in deployments.items():
        assert d["spec"]["replicas"] >= 2, name
        for c in d["spec"]["template"]["spec"]["containers"]:
            req, lim = c["resources"]["requests"], c["resources"]["limits"]
            assert req["cpu"] and req["memory"] and lim["memory"], name
            assert c["securityContext"]["allowPrivilegeEscalation"] is False
            assert c["securityContext"]["readOnlyRootFilesystem"] is True
    rasa = deployments["signpost-rasa"]["spec"]["template"]["spec"]["containers"][0]
    assert rasa["startupProbe"]["httpGet"]["path"] == "/"     # answers only after the model loads
    assert "--enable-api" not in rasa["args"]
    # sized from the measured RSS (~650 MB per Rasa process): request above it, limit with room
    assert rasa["resources"]["requests"]["memory"] == "768Mi"


def test_action_server_is_internal_only():
    policy = by_kind("NetworkPolicy")["signpost-actions-internal"]
    assert policy["spec"]["podSelector"]["matchLabels"]["app"] == "signpost-actions"
    sources = policy["spec"]["ingress"][0]["from"]
    assert sources == [{"podSelector": {"matchLabels": {"app": "signpost-rasa"}}}]
    route = by_kind("HTTPRoute")["signpost"]
    backends = {b["name"] for rule in route["spec"]["rules"] for b in rule["backendRefs"]}
    assert backends == {"signpost-nginx"}            # all public traffic through our nginx


def test_public_route_is_a_maintained_api_carrying_the_limits():
    """No Ingress for the retired ingress-nginx: a Gateway API HTTPRoute to signpost-nginx, whose
    config is the one bot/runtime/proxy.py renders (body size, per-client rate and connections,
    only the web app and signed webhooks routed)."""
    assert not by_kind("Ingress")
    for d in all_k8s():
        annotations = (d.get("metadata") or {}).get("annotations") or {}
        assert not any(k.startswith("nginx.ingress.kubernetes.io/") for k in annotations)
    route = by_kind("HTTPRoute")["signpost"]
    assert route["apiVersion"] == "gateway.networking.k8s.io/v1"
    conf = (K8S / "nginx" / "nginx.conf").read_text()
    assert conf == proxy.kubernetes_config().render()
    assert "client_max_body_size 64k" in conf and "limit_req zone=signpost_perip" in conf
    assert "limit_conn signpost_conn" in conf and "include /etc/nginx/signpost/real_ip.conf" in conf
    mounts = by_kind("Deployment")["signpost-nginx"]["spec"]["template"]["spec"]["volumes"]
    items = {i["key"]: i["path"] for v in mounts if "configMap" in v for i in v["configMap"]["items"]}
    assert items["nginx.conf"] == "nginx.conf" and items["real_ip.conf"] == "real_ip.conf"
    generated = yaml.safe_load((K8S / "kustomization.yaml").read_text())["configMapGenerator"][0]
    assert {PurePosixPath(f).name for f in generated["files"]} == set(items)


def test_hpa_retention_and_kustomization():
    assert set(by_kind("HorizontalPodAutoscaler")) == {"signpost-rasa", "signpost-actions",
                                                        "signpost-web"}
    job = by_kind("CronJob")["signpost-retention"]
    args = job["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]["args"]
    assert args[:3] == ["python", "-m", "bot.privacy.retention"]
    listed = set(yaml.safe_load((K8S / "kustomization.yaml").read_text())["resources"])
    assert listed == {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}


def test_systemd_timer_runs_the_retention_command():
    service = (DEPLOY / "systemd" / "signpost-retention.service").read_text()
    timer = (DEPLOY / "systemd" / "signpost-retention.timer").read_text()
    assert "-m bot.privacy.retention" in service and "OnCalendar=" in timer


# ---- nginx -------------------------------------------------------------------------------------
def test_deploy_nginx_confs_are_rendered_by_bot_proxy(tmp_path):
    for folder, cfg in ((DEPLOY / "nginx", proxy.compose_config()),
                        (K8S / "nginx", proxy.kubernetes_config())):
        proxy.write_deploy(tmp_path / folder.name, cfg)
        assert (folder / "nginx.conf").read_text() == (tmp_path / folder.name / "nginx.conf"
                                                       ).read_text(), \
            f"{folder} is stale: run `python -m bot.runtime.proxy`"
        for page in (tmp_path / folder.name / "errors" / "_signpost_error").iterdir():
            assert (folder / "errors" / "_signpost_error" / page.name).read_text() == \
                page.read_text()


def writable_dirs_nginx_needs(conf: str) -> set:
    """The folders of the pid file and of every *_temp_path in an nginx.conf."""
    paths = re.findall(r"^\s*(?:pid|[a-z]+_temp_path)\s+(\S+?);", conf, re.M)
    dirs = set()
    for p in paths:
        is_pid = re.search(rf"^\s*pid\s+{re.escape(p)};", conf, re.M)
        dirs.add(str(PurePosixPath(p).parent) if is_pid else p)
    return dirs


def under(path: str, mounts: list) -> bool:
    return any(path == m or path.startswith(m.rstrip("/") + "/") for m in mounts)


def test_nginx_has_writable_folders_for_its_pid_and_temp_files():
    """The pid file and temp folders must be on a tmpfs / emptyDir: the official image has no
    /tmp/nginx, and the root filesystem is read-only."""
    nginx = compose()["services"]["nginx"]
    needed = writable_dirs_nginx_needs((DEPLOY / "nginx" / "nginx.conf").read_text())
    assert needed, "no pid/temp paths found"
    for d in needed:
        assert under(d, nginx.get("tmpfs") or []), (d, nginx.get("tmpfs"))
    assert nginx.get("read_only") is True
    pod = by_kind("Deployment")["signpost-nginx"]["spec"]["template"]["spec"]
    empty = {v["name"] for v in pod["volumes"] if "emptyDir" in v}
    mounts = [m["mountPath"] for m in pod["containers"][0]["volumeMounts"] if m["name"] in empty]
    for d in writable_dirs_nginx_needs((K8S / "nginx" / "nginx.conf").read_text()):
        assert under(d, mounts), (d, mounts)


def nginx_version(image: str) -> tuple:
    tag = image.split("@")[0].rsplit(":", 1)[1]
    return tuple(int(x) for x in re.match(r"(\d+)\.(\d+)", tag).groups())


def test_nginx_images_are_a_supported_release():
    """nginx.org supports only its current stable line (1.30, April 2026) and mainline; 1.22
    ended in 2023."""
    images = [default_of(compose()["services"]["nginx"]["image"]),
              by_kind("Deployment")["signpost-nginx"]["spec"]["template"]["spec"]["containers"][0]
              ["image"]]
    for image in images:
        assert nginx_version(image) >= (1, 30), image


def test_real_ip_is_configurable_for_the_balancer():
    cfg = proxy.ProxyConfig(listen="8080", internal_listen="8081", rasa=["r:1"], actions=["a:1"],
                            web=["w:1"], prefix="/tmp/x", errors_dir="/tmp/x/e",
                            real_ip_from=proxy.parse_cidrs("10.0.0.0/8, 192.0.2.7"),
                            real_ip_header="X-Real-IP")
    text = cfg.render()
    assert "set_real_ip_from 10.0.0.0/8;" in text and "set_real_ip_from 192.0.2.7/32;" in text
    assert "real_ip_header X-Real-IP;" in text and "real_ip_recursive on;" in text
    for bad in ("10.0.0.0/8; deny all", "everyone", "1.2.3.4/99"):
        with pytest.raises(ValueError):
            proxy.parse_cidrs(bad)
    with pytest.raises(ValueError):
        proxy.ProxyConfig(**{**cfg.__dict__, "real_ip_header": "X-A; evil"}).render()
    # every deploy profile has the hook: run-prod's variable, compose and k8s include real_ip.conf
    assert "SIGNPOST_REAL_IP_FROM" in settings.VARIABLES
    for folder in (DEPLOY / "nginx", K8S / "nginx"):
        assert f"include {proxy.DEPLOY_DIR}/real_ip.conf;" in (folder / "nginx.conf").read_text()
        assert (folder / "real_ip.conf").is_file()


class _Ok(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - http.server's name
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


def _readable_by_nginx(tmp_path: Path) -> None:
    """nginx's workers (nobody) read the error pages from tmp_path: open it and its parents."""
    tmp_path.chmod(0o755)
    for parent in tmp_path.parents:
        if parent == Path(tempfile.gettempdir()):
            break
        parent.chmod(parent.stat().st_mode | 0o055)


def _serve_ok(port: int = 0) -> ThreadingHTTPServer:
    """A backend answering every POST with 200 {} on 127.0.0.1 (port 0: any free one)."""
    server = ThreadingHTTPServer(("127.0.0.1", port), _Ok)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.mark.skipif(not proxy.nginx_binary(), reason="nginx not installed (make nginx)")
@pytest.mark.parametrize("trusted", [False, True])
def test_per_client_limits_behind_a_balancer(tmp_path, trusted):
    """Every request comes from the balancer (127.0.0.1 here). Without real_ip_from the whole
    town shares its bucket; with it, one resident's flood leaves the next resident served."""
    _readable_by_nginx(tmp_path)
    backend = _serve_ok()
    port = free_port()
    web = f"127.0.0.1:{backend.server_address[1]}"
    cfg = proxy.ProxyConfig(listen=f"127.0.0.1:{port}", internal_listen=f"127.0.0.1:{free_port()}",
                            rasa=[web], actions=[web], web=[web], prefix=str(tmp_path),
                            errors_dir=str(tmp_path / "errors"), ip_rate="1r/s", ip_burst=5,
                            real_ip_from=("127.0.0.1/32",) if trusted else ())
    conf = cfg.write(tmp_path)
    nginx = subprocess.Popen(proxy.command(conf, tmp_path), stderr=subprocess.DEVNULL)
    try:
        from tests.deploy.conftest import wait_until
        from tests.prod.client import request
        wait_until(lambda: request(f"http://127.0.0.1:{port}/nginx-health").status == 200, 10,
                   step=0.2, what="nginx")

        def status(resident):
            return request(f"http://127.0.0.1:{port}/api/session", "POST", b"{}",
                           {"X-Forwarded-For": resident}).status
        flood = [status("203.0.113.7") for _ in range(12)]
        assert 429 in flood, flood
        assert (status("203.0.113.8") == 200) is trusted
    finally:
        nginx.terminate()
        nginx.wait(10)
        backend.shutdown()


@pytest.mark.skipif(not proxy.nginx_binary(), reason="nginx not installed (make nginx)")
def test_a_replica_up_again_is_used_at_once_when_the_other_dies(tmp_path):
    """Seen in the compose test: rasa-2 refused while loading its model (nginx skips it for
    fail_timeout), rasa-1 was killed inside that window, and the next message got 502 though
    rasa-2 was up by then. The same servers as never-failed backups close the window."""
    _readable_by_nginx(tmp_path)
    first = _serve_ok()
    late_port = free_port()
    a, b = f"127.0.0.1:{first.server_address[1]}", f"127.0.0.1:{late_port}"
    internal = free_port()
    cfg = proxy.ProxyConfig(listen=f"127.0.0.1:{free_port()}", internal_listen=f"127.0.0.1:{internal}",
                            rasa=[a, b], actions=[a], web=[a], prefix=str(tmp_path),
                            errors_dir=str(tmp_path / "errors"), rate_limits=False)
    nginx = subprocess.Popen(proxy.command(cfg.write(tmp_path), tmp_path), stderr=subprocess.DEVNULL)
    late = None
    try:
        from tests.deploy.conftest import wait_until
        from tests.prod.client import request

        def turn():
            return request(f"http://127.0.0.1:{internal}/webhooks/rest/webhook", "POST",
                           b'{"sender": "s", "message": "hi"}').status
        wait_until(lambda: turn() == 200, 10, step=0.2, what="nginx")
        assert [turn() for _ in range(12)] == [200] * 12   # the late replica refused: marked failed
        late = _serve_ok(late_port)
        first.shutdown()
        first.server_close()                               # the first replica dies
        assert [turn() for _ in range(4)] == [200] * 4
    finally:
        nginx.terminate()
        nginx.wait(10)
        if late:
            late.shutdown()


@pytest.mark.skipif(not proxy.nginx_binary(), reason="nginx not installed (make nginx)")
def test_generated_config_passes_nginx_t(tmp_path):
    cfg = proxy.ProxyConfig(listen="127.0.0.1:18080", internal_listen="127.0.0.1:18081",
                            rasa=["127.0.0.1:1", "127.0.0.1:2"], actions=["127.0.0.1:3"],
                            web=["127.0.0.1:4"], prefix=str(tmp_path),
                            errors_dir=str(tmp_path / "errors"),
                            real_ip_from=("10.0.0.0/8",))
    proxy.check_config(cfg.write(tmp_path), tmp_path)
    text = cfg.render()
    assert "server_tokens off" in text and "client_max_body_size 64k" in text
    assert "limit_req zone=signpost_perip" in text and "ip_hash" in text
    off = proxy.ProxyConfig(**{**cfg.__dict__, "rate_limits": False}).render()
    assert "limit_req zone" not in off


# ---- secrets -----------------------------------------------------------------------------------
def tracked(path: str) -> list:
    out = subprocess.run(["git", "ls-files", path], cwd=ROOT, capture_output=True, text=True)
    return out.stdout.split()


def test_no_secret_is_tracked_and_kustomize_generates_it_from_an_ignored_file():
    assert not by_kind("Secret"), "a Secret in deploy/k8s would be applied over the real one"
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    generators = {g["name"]: g for g in kustomization["secretGenerator"]}
    sources = generators["signpost-secrets"]["envs"]
    for source in sources:
        path = (K8S / source).relative_to(ROOT)
        assert not tracked(str(path)), f"{path} is tracked"
        ignored = subprocess.run(["git", "check-ignore", "-q", str(path)], cwd=ROOT)
        assert ignored.returncode == 0, f"{path} is not ignored by git"
    assert subprocess.run(["git", "check-ignore", "-q", "deploy/.env"], cwd=ROOT).returncode == 0
    for ref in ("secretRef", "secretKeyRef"):
        for d in all_k8s():
            for name in re.findall(rf"{ref}': {{'name': '([a-z-]+)'", str(d)):
                assert name in generators, (d["metadata"]["name"], name)


def published_secret_values() -> list:
    """(file, variable, value) for every secret variable given a value in a tracked file."""
    found = []
    for path in tracked("deploy") + tracked("docs") + ["README.md"]:
        text = (ROOT / path).read_text(errors="replace")
        for name in settings.SECRET_VARIABLES:
            for value in re.findall(rf"^\s*{name}\s*[=:]\s*\"?([^\s\"#]+)", text, re.M):
                found.append((path, name, value))
    return found


def test_every_published_or_placeholder_secret_is_refused():
    for value in PUBLISHED_PLACEHOLDERS + ("CHANGE_ME_PLEASE_0123456789abcdefghij", "x" * 40,
                                           "your-secret-here-0123456789abcdefghijkl"):
        assert settings.placeholder_reason(value), value
    for path, name, value in published_secret_values():
        if not value.startswith("$"):
            assert settings.placeholder_reason(value), (path, name)
    import secrets
    assert all(settings.placeholder_reason(secrets.token_urlsafe(32)) is None for _ in range(200))


def test_session_tokens_cannot_be_signed_with_a_placeholder(monkeypatch):
    from bot.channels import sessions
    for value in PUBLISHED_PLACEHOLDERS[1:]:
        monkeypatch.setenv(sessions.ENV, value)
        with pytest.raises(ValueError, match="not a real secret"):
            sessions.Sessions()


@pytest.mark.parametrize("module", ["bot.web", "bot.runtime.rasa_server",
                                    "bot.runtime.action_server"])
def test_production_processes_refuse_to_start_with_a_placeholder(module):
    env = {"PATH": "/usr/bin:/bin", "SIGNPOST_ENV": "production",
           "SIGNPOST_SESSION_SECRET": PUBLISHED_PLACEHOLDERS[1],
           "SIGNPOST_PG_PASSWORD": PUBLISHED_PLACEHOLDERS[0]}
    args = ["run", "--model", "models/none.tar.gz"] if module.endswith("rasa_server") else []
    result = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 3, result.stderr[-2000:]
    assert "SIGNPOST_SESSION_SECRET is not a real secret" in result.stderr
    assert "SIGNPOST_PG_PASSWORD is not a real secret" in result.stderr
    assert PUBLISHED_PLACEHOLDERS[1] not in result.stderr


def test_make_secrets_writes_private_random_files(tmp_path):
    target = tmp_path / "secrets.env"
    run = [sys.executable, str(DEPLOY / "make_secrets.py"), str(target)]
    subprocess.run(run, check=True, capture_output=True)
    values = dict(line.split("=", 1) for line in target.read_text().splitlines()
                  if line and not line.startswith("#"))
    assert set(values) >= {"SIGNPOST_PG_PASSWORD", "SIGNPOST_SESSION_SECRET",
                           "SIGNPOST_REDIS_PASSWORD"}
    assert not settings.placeholder_secrets(values)
    assert target.stat().st_mode & 0o777 == 0o600
    before = target.read_text()
    subprocess.run(run, check=True, capture_output=True)       # never overwrites
    assert target.read_text() == before


# ---- analytics ---------------------------------------------------------------------------------
def test_analytics_go_to_postgresql_in_every_deploy_profile():
    """The image's root filesystem is read-only: the default SQLite file cannot be created, so a
    profile without SIGNPOST_ANALYTICS_URL would drop every row."""
    services = compose()["services"]
    for name in ("actions-1", "actions-2", "web"):
        env = services[name]["environment"]
        assert env["SIGNPOST_ANALYTICS_URL"].startswith("postgresql://"), name
        assert "PGPASSWORD" in env and "@" in env["SIGNPOST_ANALYTICS_URL"]
        assert ":" not in env["SIGNPOST_ANALYTICS_URL"].split("//")[1].split("@")[0]   # no password
    config = by_kind("ConfigMap")["signpost-config"]["data"]
    assert config["SIGNPOST_ANALYTICS_URL"].startswith("postgresql://")
    for name in ("signpost-actions", "signpost-web"):
        container = by_kind("Deployment")[name]["spec"]["template"]["spec"]["containers"][0]
        assert "PGPASSWORD" in {e["name"] for e in container.get("env", [])}, name
    from bot.runtime.production import ProductionStack
    stack = ProductionStack(model="models/x.tar.gz", env={"SIGNPOST_PG_PASSWORD": "pw-for-test",
                                                          "SIGNPOST_ANALYTICS_URL": ""})
    assert stack.env["SIGNPOST_ANALYTICS_URL"] == "postgresql://postgres@127.0.0.1:5432/signpost"
    assert stack.env["PGPASSWORD"] == "pw-for-test"


# ---- images and the supply chain ---------------------------------------------------------------
def test_every_image_from_a_registry_is_pinned_by_digest():
    images = [default_of(s["image"]) for s in compose()["services"].values() if "image" in s]
    images += [c["image"] for d in all_k8s() if d["kind"] in ("Deployment", "CronJob")
               for c in re.findall(r"'image': '([^']+)'", str(d)) and
               [{"image": i} for i in re.findall(r"'image': '([^']+)'", str(d))]]
    base = re.search(r"^ARG BASE=(\S+)", (DEPLOY / "Dockerfile").read_text(), re.M).group(1)
    images.append(base)
    for image in images:
        first = image.split("/")[0]
        from_registry = "/" in image and ("." in first or ":" in first) and first != "localhost"
        if from_registry:
            assert DIGEST.search(image), f"{image} names a registry but no digest"
        else:
            assert image.startswith(("localhost/", "signpost")), image
    assert DIGEST.search(base)


def test_image_is_multi_stage_runtime_only_non_root_with_a_healthcheck():
    stages = dockerfile_stages()
    assert len(stages) >= 2
    final_from, final = stages[-1]
    text = " ".join(final)
    assert not re.search(r"\b(gcc|g\+\+|build-essential|make)\b", " ".join(i for s in stages
                                                                         for i in s[1])), \
        "a compiler or make is installed"
    assert re.search(r"^USER\s+(?!0\b|root\b)\S+", "\n".join(final), re.M)
    assert "HEALTHCHECK" in text
    assert not re.search(r"^COPY\s+\.\s", "\n".join(final), re.M), "the whole tree is copied"
    assert sum(".venv" in i for i in final if i.startswith("COPY")) == 1   # one copy of the venv
    install = " ".join(i for _, s in stages for i in s if "pip install" in i)
    assert "--require-hashes" in install and "requirements.lock" in install
    assert "requirements-dev" not in install


def test_the_model_served_is_the_model_the_build_trained_and_verified():
    """The build trains models/<name>.tar.gz (or copies `make train`'s model to that very path),
    verifies exactly that file, and every service serves that path: no link to resolve (the old
    relative link pointed at models/models/...)."""
    run = " ".join(i for _, s in dockerfile_stages() for i in s if i.startswith("RUN"))
    name = re.search(r"--fixed-model-name\s+(\S+)", run).group(1)
    out = re.search(r"rasa train\b.*?--out\s+(\S+)", run).group(1)
    trained = f"{out}/{name}.tar.gz"
    prebuilt = re.search(r"prebuilt\)\s*cp\s+(\S+)\s+(\S+)\s+(\S+)\s*;;", run)
    assert prebuilt and prebuilt.group(3).rstrip("/") == out, "the prebuilt model lands where training would"
    assert Path(prebuilt.group(1)).name == Path(trained).name
    assert prebuilt.group(2) == prebuilt.group(1) + ".sha256"
    assert re.search(rf"modelcheck verify {re.escape(trained)}\b", run)
    assert not re.search(r"\bln\b", run), "a link to the model (resolve it, or train to the name)"
    served = [services["command"][services["command"].index("--model") + 1]
              for services in compose()["services"].values()
              if "--model" in (services.get("command") or [])]
    served += [c["args"][c["args"].index("--model") + 1] for d in by_kind("Deployment").values()
               for c in d["spec"]["template"]["spec"]["containers"] if "--model" in c.get("args", [])]
    assert served and set(served) == {trained}


def lock_entries(path: Path) -> dict:
    """{name: (version, [hashes])} of a pip-compile lock."""
    entries, current = {}, None
    for line in path.read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line)
        if m:
            current = m.group(1).lower().replace("_", "-")
            entries[current] = (m.group(2).rstrip(" \\"), [])
        elif current and "--hash=sha256:" in line:
            entries[current][1].append(line.split("--hash=sha256:")[1].split()[0])
    return entries


def test_locks_pin_every_package_with_hashes():
    runtime = lock_entries(ROOT / "requirements.lock")
    dev = lock_entries(ROOT / "requirements-dev.lock")
    tools = lock_entries(ROOT / "requirements-tools.lock")
    for entries in (runtime, dev, tools):
        assert entries and all(hashes and all(len(h) == 64 for h in hashes)
                               for _, hashes in entries.values())
    assert {"setuptools", "wheel"} <= set(runtime)
    assert not {"pytest", "hypothesis", "playwright", "pytest-asyncio", "ruff"} & set(runtime)
    assert {"pytest", "hypothesis", "playwright"} <= set(dev)
    for name, (version, _) in runtime.items():       # dev = runtime + test tools, same versions
        assert dev[name][0] == version, name
    for path in ("requirements.lock", "requirements-dev.lock", "requirements-tools.lock"):
        assert "pip-compile" in (ROOT / path).read_text()[:400], f"{path}: not generated"
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^lock:", makefile, re.M) and "--require-hashes" in makefile


def test_messenger_uses_a_current_configurable_graph_api_version(monkeypatch):
    from bot.channels.social import messenger
    # Meta retired v19.0 in May 2026; each version is served about two years.
    version = tuple(int(x) for x in messenger.DEFAULT_GRAPH_VERSION[1:].split("."))
    assert version >= (24, 0)
    assert "graph.facebook.com/v19" not in (ROOT / "bot" / "channels" / "social" / "messenger.py").read_text()
    assert messenger.graph_api_url({}) == f"https://graph.facebook.com/{messenger.DEFAULT_GRAPH_VERSION}"
    assert messenger.graph_api_url({messenger.GRAPH_VERSION: "v27.0"}) == \
        "https://graph.facebook.com/v27.0"
    for bad in ("27", "v27", "v27.0/../../x", "https://evil.example/v27.0"):
        with pytest.raises(ValueError):
            messenger.graph_api_url({messenger.GRAPH_VERSION: bad})
    full = {"SIGNPOST_SENDER_KEY": "k3y-for-the-test-0123456789", messenger.VERIFY_TOKEN: "v" * 20,
            messenger.APP_SECRET: "s" * 20, messenger.PAGE_TOKEN: "p" * 20}
    for name, value in full.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv(messenger.API_URL, raising=False)
    monkeypatch.setenv(messenger.GRAPH_VERSION, "v27.0")
    assert messenger.SignedMessengerInput.from_credentials(None).api_url == \
        "https://graph.facebook.com/v27.0"
    monkeypatch.setenv(messenger.GRAPH_VERSION, "latest")
    assert messenger.SignedMessengerInput.from_credentials(None).enabled is False
