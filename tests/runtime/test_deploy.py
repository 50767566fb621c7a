"""deploy/: docker-compose and Kubernetes manifests parse, and carry what production needs
(probes, resources sized from measurements, the internal-only action server, retention job); the
nginx config in deploy/ is the one bot.runtime.proxy renders and nginx accepts it."""
from pathlib import Path

import pytest
import yaml

from bot.runtime import proxy
from bot.runtime.stack import ROOT

DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"


def docs(path: Path) -> list:
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


def all_k8s() -> list:
    return [d for p in sorted(K8S.glob("*.yaml")) if p.name != "kustomization.yaml" for d in docs(p)]


def by_kind(kind: str) -> dict:
    return {d["metadata"]["name"]: d for d in all_k8s() if d["kind"] == kind}


def test_compose_topology():
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "rasa-1", "rasa-2", "actions-1", "actions-2", "web", "nginx",
            "retention"} <= set(services)
    published = {name for name, s in services.items() if s.get("ports")}
    assert published == {"nginx"}                     # the only public door
    assert compose["networks"]["internal"]["internal"] is True
    for name in ("rasa-1", "rasa-2", "actions-1", "actions-2", "web"):
        s = services[name]
        assert s["healthcheck"]["test"] and s["networks"] == ["internal"]
        assert s["environment"]["SIGNPOST_REQUIRE_MODEL_CHECKSUM"] == "1"
        assert int(s["environment"]["SANIC_REQUEST_MAX_SIZE"]) <= 1024 * 1024
    rasa_cmd = services["rasa-1"]["command"]
    assert "--enable-api" not in rasa_cmd and "endpoints.prod.yml" in rasa_cmd
    assert "bot.privacy.retention" in " ".join(services["retention"]["command"])


def test_every_deployment_has_probes_and_resources():
    deployments = by_kind("Deployment")
    assert set(deployments) == {"signpost-rasa", "signpost-actions", "signpost-web"}
    for name, d in deployments.items():
        assert d["spec"]["replicas"] >= 2, name
        for c in d["spec"]["template"]["spec"]["containers"]:
            assert c["readinessProbe"] and c["livenessProbe"], name
            req, lim = c["resources"]["requests"], c["resources"]["limits"]
            assert req["cpu"] and req["memory"] and lim["memory"], name
            assert c["securityContext"]["allowPrivilegeEscalation"] is False
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
    ingress = by_kind("Ingress")["signpost"]
    backends = {p["backend"]["service"]["name"] for r in ingress["spec"]["rules"]
                for p in r["http"]["paths"]}
    assert "signpost-actions" not in backends
    assert not any("rest" in p["path"] for r in ingress["spec"]["rules"] for p in r["http"]["paths"])


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


def test_deploy_nginx_conf_is_rendered_by_bot_proxy(tmp_path):
    proxy.write_deploy(tmp_path)
    assert (DEPLOY / "nginx" / "nginx.conf").read_text() == (tmp_path / "nginx.conf").read_text(), \
        "deploy/nginx is stale: run `python -m bot.runtime.proxy deploy/nginx`"
    for page in (tmp_path / "errors" / "_signpost_error").iterdir():
        assert (DEPLOY / "nginx" / "errors" / "_signpost_error" / page.name).read_text() == \
            page.read_text()


@pytest.mark.skipif(not proxy.nginx_binary(), reason="nginx not installed (make nginx)")
def test_generated_config_passes_nginx_t(tmp_path):
    cfg = proxy.ProxyConfig(listen="127.0.0.1:18080", internal_listen="127.0.0.1:18081",
                            rasa=["127.0.0.1:1", "127.0.0.1:2"], actions=["127.0.0.1:3"],
                            web=["127.0.0.1:4"], prefix=str(tmp_path),
                            errors_dir=str(tmp_path / "errors"))
    proxy.check_config(cfg.write(tmp_path), tmp_path)
    text = cfg.render()
    assert "server_tokens off" in text and "client_max_body_size 64k" in text
    assert "limit_req zone=signpost_perip" in text and "ip_hash" in text
    off = proxy.ProxyConfig(**{**cfg.__dict__, "rate_limits": False}).render()
    assert "limit_req zone" not in off
