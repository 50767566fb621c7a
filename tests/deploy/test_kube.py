"""deploy/k8s with `podman kube play`, where podman can play it: the Deployments (Rasa, actions, web,
nginx) with their replicas, args, security contexts, ConfigMap environment and emptyDir volumes,
on the image `make image` built, and a conversation through signpost-nginx.

What podman 4.3 cannot play, and this test therefore changes or leaves out (checked as files by
tests/runtime/test_deploy.py instead): Services (a pod is reached by its pod name, so host names
become the first pod's), kustomize's secretGenerator and secretKeyRef (podman 4.3 stores a Secret
in a form its own kube play cannot read back: the test's secrets go in as plain env), the
HTTPRoute, NetworkPolicies, HPAs, PDBs and the CronJob; container ports (podman 4.3 would publish
each on the host). PostgreSQL and Redis, managed services in
the manifests, are the Debian stand-ins as two more pods.
"""
from __future__ import annotations

import os
import subprocess
import time

import pytest
import yaml

from bot.runtime import proxy
from tests.deploy.conftest import DEPLOY, IMAGE, STANDINS, podman, secrets_of, wait_until
from tests.prod.client import Resident, post_json, routes


class Direct(Resident):
    """A resident on the host talking to a pod's address (no loopback source address: the pod
    network is not reached from 127.x)."""

    def __init__(self, base_url: str) -> None:
        self.base, self.source = base_url.rstrip("/"), None
        answer = post_json(f"{self.base}/api/session", {})
        assert answer.status == 200, answer.text
        self.session = answer.json()["session"]

K8S = DEPLOY / "k8s"
PLAYED = ("rasa.yaml", "actions.yaml", "web.yaml", "nginx.yaml", "config.yaml")


def pod(name: str, i: int = 0) -> str:
    return f"{name}-pod-{i}"


def standin(name: str, image: str, env: dict, args: list | None = None) -> dict:
    container = {"name": name, "image": image, "env": [{"name": k, "value": v} for k, v in env.items()]}
    if args:
        container["args"] = args
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": name},
            "spec": {"replicas": 1, "selector": {"matchLabels": {"app": name}},
                     "template": {"metadata": {"labels": {"app": name}},
                                  "spec": {"containers": [container]}}}}


def manifests(secrets: dict, conf_dir) -> list:
    """deploy/k8s's Deployments and ConfigMap, adapted as the module docstring says."""
    docs = [d for f in PLAYED for d in yaml.safe_load_all((K8S / f).read_text()) if d]
    docs = [d for d in docs if d["kind"] in ("Deployment", "ConfigMap")]
    pg, redis = "signpost-test-postgres", "signpost-test-redis"
    for d in docs:
        if d["kind"] == "ConfigMap":
            data = d["data"]
            data.update(SIGNPOST_PG_HOST=pod(pg), SIGNPOST_REDIS_HOST=pod(redis),
                        SIGNPOST_ACTION_URL=f"http://{pod('signpost-actions')}:5055/webhook",
                        SIGNPOST_ANALYTICS_URL=f"postgresql://signpost@{pod(pg)}:5432/signpost")
            continue
        spec = d["spec"]["template"]["spec"]
        for c in spec["containers"]:
            c["image"] = STANDINS["SIGNPOST_NGINX_IMAGE"] if c["name"] == "nginx" else IMAGE
            c["args"] = [a.replace("http://signpost-rasa:5005", f"http://{pod('signpost-rasa')}:5005")
                         for a in c.get("args", [])]
            c["envFrom"] = [e for e in c.get("envFrom", []) if "secretRef" not in e]
            # podman 4.3 publishes every containerPort on the host (so the second replica
            # cannot start): no ports, and the probes name theirs by number.
            numbers = {p["name"]: p["containerPort"] for p in c.pop("ports", [])}
            for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
                get = c.get(probe, {}).get("httpGet")
                if get:
                    get["port"] = numbers.get(get["port"], get["port"])
            env = [e for e in c.get("env", []) if "valueFrom" not in e]
            if d["metadata"]["name"] != "signpost-nginx":
                env += [{"name": k, "value": v} for k, v in secrets.items()]
                env.append({"name": "PGPASSWORD", "value": secrets["SIGNPOST_PG_PASSWORD"]})
            c["env"] = env
        for v in spec.get("volumes", []):
            if "configMap" in v:           # the rendered nginx folder, as the ConfigMap would hold it
                v.pop("configMap")
                v["hostPath"] = {"path": str(conf_dir), "type": "Directory"}
    docs.append(standin(pg, STANDINS["SIGNPOST_POSTGRES_IMAGE"],
                        {"POSTGRES_DB": "signpost", "POSTGRES_USER": "signpost",
                         "POSTGRES_PASSWORD": secrets["SIGNPOST_PG_PASSWORD"]}))
    docs.append(standin(redis, STANDINS["SIGNPOST_REDIS_IMAGE"], {},
                        ["redis-server", "--save", "", "--appendonly", "no", "--requirepass",
                         secrets["SIGNPOST_REDIS_PASSWORD"]]))
    return docs


def nginx_folder(folder):
    """deploy/k8s/nginx's files, with the Services' names replaced by the played pods' names."""
    cfg = proxy.kubernetes_config()
    cfg.rasa = [f"{pod('signpost-rasa', i)}:5005" for i in (0, 1)]
    cfg.actions = [f"{pod('signpost-actions', i)}:5055" for i in (0, 1)]
    cfg.web = [f"{pod('signpost-web', i)}:8000" for i in (0, 1)]
    proxy.write_deploy(folder, cfg)
    (folder / "real_ip.conf").write_text((K8S / "nginx" / "real_ip.conf").read_text())
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return folder


@pytest.fixture(scope="module")
def kube(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kube")
    folder.chmod(0o755)
    subprocess.run(["python3", str(DEPLOY / "make_secrets.py"), str(folder / ".env")], check=True,
                   capture_output=True)
    secrets = secrets_of(folder)
    play = folder / "signpost.yaml"
    play.write_text(yaml.safe_dump_all(manifests(secrets, nginx_folder(folder / "nginx"))))
    network = f"signposttest{os.getpid()}k"
    podman("network", "create", network)
    started = time.monotonic()
    try:
        result = podman("kube", "play", "--network", network, str(play), check=False, timeout=300)
        assert result.returncode == 0, result.stderr[-3000:]
        ip = podman("inspect", "--format",
                    "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}",
                    "signpost-nginx-pod-0-nginx").stdout.strip()
        url = f"http://{ip}:8080"
        wait_until(lambda: Direct(url).say("hello") != [], 300, step=3,
                   what="a first answer through signpost-nginx")
        print(f"\nkube play: first answer through signpost-nginx {time.monotonic() - started:.1f} s "
              f"after `podman kube play`")
        yield url
    except BaseException:
        for name in ("signpost-nginx-pod-0-nginx", "signpost-rasa-pod-0-rasa",
                     "signpost-web-pod-0-web", "signpost-actions-pod-0-actions"):
            out = podman("logs", "--tail", "30", name, check=False)
            print(f"---- {name}\n{out.stdout}{out.stderr}")
        raise
    finally:
        podman("kube", "down", str(play), check=False, timeout=300)
        podman("network", "rm", "-f", network, check=False)


def test_kube_play_answers_a_route_through_nginx(kube):
    r = Direct(kube)
    asked = r.say("someone's dumped a sofa on the verge by our house")
    assert any((m.get("custom") or {}).get("ask") == "place" for m in asked), asked
    route = routes(r.say("Devizes"))[0]
    assert route["agency"] == "wiltshire_council" and route["topic"] == "fly_tipping"


def test_kube_play_runs_as_the_manifests_say(kube):
    for name, container in (("signpost-rasa-pod-0", "rasa"), ("signpost-actions-pod-1", "actions"),
                            ("signpost-web-pod-1", "web"), ("signpost-nginx-pod-1", "nginx")):
        info = podman("inspect", f"{name}-{container}").stdout
        state = yaml.safe_load(info)[0]
        assert state["State"]["Running"], name
        assert state["HostConfig"]["ReadonlyRootfs"] is True, name
        if container != "nginx":
            assert state["Config"]["User"].split(":")[0] == "10001", name
