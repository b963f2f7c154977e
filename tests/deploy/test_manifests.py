"""Offline checks of the deployment files (deploy/): Kubernetes manifests against the Kubernetes OpenAPI
schemas (kubernetes-validate bundles them, no cluster and no network), the Compose file, the Dockerfiles
(dockerfile-parse) and the Rasa entrypoint script. Nothing here builds an image or starts a container.

    .venv/api/bin/pytest tests/deploy

Runs in the API environment (.venv/api, extra `api-dev`: kubernetes-validate, dockerfile-parse, PyYAML).
"""

from __future__ import annotations

import fnmatch
import re
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

kubernetes_validate = pytest.importorskip("kubernetes_validate")
dockerfile_parse = pytest.importorskip("dockerfile_parse")

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
DOCKER = DEPLOY / "docker"
COMPOSE = DEPLOY / "compose.yaml"
NAMESPACE = "familiennavi"
# The oldest Kubernetes minor we support and the newest schema the package ships.
K8S_VERSIONS = ["1.29.0", kubernetes_validate.latest_version()]

# Each service: its Dockerfile, its port, and the HTTP paths that really answer 200 without a token.
SERVICES: dict[str, dict[str, Any]] = {
    "api": {"dockerfile": "api.Dockerfile", "port": 8000, "paths": {"/health", "/ready"}},
    "actions": {"dockerfile": "actions.Dockerfile", "port": 5055, "paths": {"/health"}},
    # Rasa answers "Hello from Rasa" on / and readiness on the health channel (bot/channels/health.py); its HTTP
    # API (/status, ...) needs the token, so no probe uses it.
    "rasa": {"dockerfile": "rasa.Dockerfile", "port": 5005, "paths": {"/", "/webhooks/health/ready"}},
}
# Rasa's public channels (credentials.yml) and the URL prefix each serves: /webhooks/<name()>/.
PUBLIC_CHANNELS = {
    "bot.channels.widget.channel.FamiliennaviInput": "familiennavi",
    "bot.channels.rest.RestInput": "rest",
    "bot.channels.telegram.channel.TelegramInput": "telegram",
    "bot.channels.whatsapp.channel.WhatsAppInput": "whatsapp",
}
# The staff page: served by the offers API under this prefix (api/routes/staff_page.py, api/routes/staff.py);
# its intake calls Rasa's staff channel, which the outside world never reaches.
STAFF_PREFIX = "/staff"
STAFF_CHANNEL = "bot.channels.staff.StaffInput"
# The offers API's staff settings (api/settings.py), set where the API's other settings are.
STAFF_SETTINGS = {
    "REFERRAL_RETENTION_DAYS",
    "STAFF_SESSION_IDLE_MINUTES",
    "STAFF_LOCKOUT_ATTEMPTS",
    "STAFF_LOCKOUT_MINUTES",
}
# The ingress controller's namespace (networkpolicy.yaml).
INGRESS_NAMESPACE = {"kubernetes.io/metadata.name": "ingress-nginx"}
SECRET_NAME_PATTERN = re.compile(r"(TOKEN|SECRET|PASSWORD|PEPPER|_SID|KEY)$|^(DATABASE_URL|.*REDIS_URL)$")
PLACEHOLDERS = {"", "change-me", "CHANGE-ME"}
# Shapes of real credentials that must never appear in the repository.
REAL_SECRET_PATTERNS = {
    "Telegram bot token": re.compile(r"\b\d{8,10}:[A-Za-z0-9_-]{35}\b"),
    "Twilio account SID": re.compile(r"\bAC[0-9a-f]{32}\b"),
    "32-digit hex key (Twilio auth token)": re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])"),
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "AWS access key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "password in a URL": re.compile(r"://[^:/@\s${}]+:(?!\$\{|CHANGE-ME@|change-me@)[^@\s]{4,}@"),
}


# ---------------------------------------------------------------------------------------------------- helpers


def manifest_files() -> list[Path]:
    return sorted(path for path in K8S.glob("*.yaml") if path.name != "kustomization.yaml")


def load_documents(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def all_resources() -> list[dict[str, Any]]:
    return [doc for path in manifest_files() for doc in load_documents(path)]


def applied_resources() -> list[dict[str, Any]]:
    """What `kubectl apply -k deploy/k8s` applies (kustomization.yaml's resources)."""
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))
    return [doc for name in kustomization["resources"] for doc in load_documents(K8S / name)]


def resources_of(kind: str) -> dict[str, dict[str, Any]]:
    return {doc["metadata"]["name"]: doc for doc in applied_resources() if doc["kind"] == kind}


def containers_of(deployment: dict[str, Any]) -> list[dict[str, Any]]:
    return list(deployment["spec"]["template"]["spec"]["containers"])


def pod_labels(deployment: dict[str, Any]) -> dict[str, str]:
    return dict(deployment["spec"]["template"]["metadata"]["labels"])


def selects(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return all(labels.get(key) == value for key, value in selector.items())


def named_port(container: dict[str, Any], port: int | str) -> int | None:
    if isinstance(port, int):
        return port
    return next((p["containerPort"] for p in container["ports"] if p.get("name") == port), None)


def deployment_env(deployment: dict[str, Any]) -> set[str]:
    """Every variable a Deployment's container gets: its env entries and the ConfigMaps it loads."""
    config_maps = resources_of("ConfigMap")
    names: set[str] = set()
    for container in containers_of(deployment):
        names |= {entry["name"] for entry in container.get("env", [])}
        for source in container.get("envFrom", []):
            if "configMapRef" in source:
                names |= set(config_maps[source["configMapRef"]["name"]]["data"])
    return names


def env_entry(deployment: dict[str, Any], name: str) -> dict[str, Any] | None:
    (container,) = containers_of(deployment)
    return next((entry for entry in container.get("env", []) if entry["name"] == name), None)


def config_value(deployment: dict[str, Any], name: str) -> str | None:
    """A variable's value from the ConfigMaps the Deployment loads (None when none of them sets it)."""
    config_maps = resources_of("ConfigMap")
    for container in containers_of(deployment):
        for source in container.get("envFrom", []):
            if "configMapRef" in source:
                data = config_maps[source["configMapRef"]["name"]]["data"]
                if name in data:
                    return str(data[name])
    return None


def dockerfile(service: str) -> Any:
    return dockerfile_parse.DockerfileParser(path=str(DOCKER / SERVICES[service]["dockerfile"]), env_replace=False)


def final_stage(parser: Any) -> list[dict[str, Any]]:
    """The instructions after the last FROM: what the running image is made of."""
    structure = parser.structure
    last_from = max(index for index, item in enumerate(structure) if item["instruction"] == "FROM")
    return list(structure[last_from:])


def instruction_values(instructions: list[dict[str, Any]], name: str) -> list[str]:
    return [item["value"] for item in instructions if item["instruction"] == name]


def exec_form(value: str) -> list[str]:
    return list(yaml.safe_load(value)) if value.strip().startswith("[") else shlex.split(value)


def endpoint_variables() -> set[str]:
    """The ${VARIABLES} endpoints.yml substitutes; Rasa refuses to start when one is not defined."""
    lines = (ROOT / "endpoints.yml").read_text(encoding="utf-8").splitlines()
    text = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
    return set(re.findall(r"\$\{(\w+)\}", text))


def compose() -> dict[str, Any]:
    return dict(yaml.safe_load(COMPOSE.read_text(encoding="utf-8")))


def dockerignore_patterns() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def ignored_by_dockerignore(path: str) -> bool:
    """Docker's rule, simplified: the last matching pattern wins; a pattern also matches what is below it."""
    ignored = False
    candidates = [path] + [str(parent) for parent in Path(path).parents if str(parent) != "."]
    for raw in dockerignore_patterns():
        negate = raw.startswith("!")
        pattern = raw.lstrip("!").rstrip("/")
        globs = [pattern, pattern.removeprefix("**/")] if pattern.startswith("**/") else [pattern]
        if any(fnmatch.fnmatchcase(candidate, glob) for candidate in candidates for glob in globs):
            ignored = not negate
    return ignored


def deploy_text_files() -> Iterator[Path]:
    for path in sorted(DEPLOY.rglob("*")):
        # deploy/.env is the operator's own (git-ignored) copy with the real values.
        if path.is_file() and path.name != ".env":
            yield path
    yield ROOT / ".dockerignore"


# ------------------------------------------------------------------------------------- Kubernetes: schemas


@pytest.mark.parametrize("version", K8S_VERSIONS)
@pytest.mark.parametrize("path", manifest_files(), ids=lambda path: path.name)
def test_manifest_matches_the_kubernetes_schema(path: Path, version: str) -> None:
    documents = load_documents(path)
    assert documents, f"{path.name} holds no resource"
    for document in documents:
        # strict: an unknown field (a typo such as `readinessprobe`) is an error, not silently dropped.
        kubernetes_validate.validate(document, version, strict=True)


def test_the_schema_check_catches_a_typo() -> None:
    deployment = resources_of("Deployment")["rasa"]
    broken = yaml.safe_load(yaml.safe_dump(deployment))
    broken["spec"]["template"]["spec"]["containers"][0]["readinessprobe"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, K8S_VERSIONS[-1], strict=True)


def test_kustomization_lists_every_manifest_but_the_secret_template() -> None:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))
    assert set(kustomization["resources"]) == {path.name for path in manifest_files()} - {"secret.example.yaml"}
    assert kustomization["namespace"] == NAMESPACE


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl is not installed")
def test_kustomize_builds() -> None:
    result = subprocess.run(["kubectl", "kustomize", str(K8S)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    kinds = [doc["kind"] for doc in yaml.safe_load_all(result.stdout) if doc]
    assert kinds.count("Deployment") == 3 and "HorizontalPodAutoscaler" in kinds and "Secret" not in kinds


def test_every_namespaced_resource_is_in_the_namespace() -> None:
    for document in all_resources():
        if document["kind"] != "Namespace":
            assert document["metadata"].get("namespace") == NAMESPACE, document["metadata"]["name"]


# --------------------------------------------------------------------------------- Kubernetes: workloads


def test_one_deployment_and_one_clusterip_service_per_service() -> None:
    deployments, services = resources_of("Deployment"), resources_of("Service")
    assert set(deployments) == set(SERVICES)
    for name in SERVICES:
        assert services[name]["spec"]["type"] == "ClusterIP", f"{name} must not be exposed by its Service"


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_service_ports_match_the_image(name: str) -> None:
    port = SERVICES[name]["port"]
    deployment, service = resources_of("Deployment")[name], resources_of("Service")[name]
    (container,) = containers_of(deployment)
    assert [p["containerPort"] for p in container["ports"]] == [port]
    assert selects(service["spec"]["selector"], pod_labels(deployment))
    (service_port,) = service["spec"]["ports"]
    assert service_port["port"] == port
    assert named_port(container, service_port["targetPort"]) == port
    # The image says the same port (EXPOSE; the start command is checked below).
    assert instruction_values(final_stage(dockerfile(name)), "EXPOSE") == [str(port)]


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_probes_point_at_real_paths_and_the_service_port(name: str) -> None:
    (container,) = containers_of(resources_of("Deployment")[name])
    assert {"readinessProbe", "livenessProbe"} <= set(container)
    for probe_name in ("startupProbe", "readinessProbe", "livenessProbe"):
        if probe_name in container:
            http = container[probe_name]["httpGet"]
            assert http["path"] in SERVICES[name]["paths"], f"{name} {probe_name}: {http['path']}"
            assert named_port(container, http["port"]) == SERVICES[name]["port"]


def test_probe_paths_exist_in_the_code() -> None:
    from api.routes import health  # the API environment runs these tests

    assert {"/health", "/ready"} <= {route.path for route in health.router.routes}  # type: ignore[attr-defined]
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8"))
    assert "bot.channels.health.HealthInput" in credentials
    assert '"/ready"' in (ROOT / "bot" / "channels" / "health.py").read_text(encoding="utf-8")
    # actions/server.py lets /health through without the token (rasa-sdk's own health route).
    assert 'request.path == "/health"' in (ROOT / "actions" / "server.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_pods_run_locked_down(name: str) -> None:
    pod = resources_of("Deployment")[name]["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] != 0
    assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
    assert pod.get("automountServiceAccountToken") is False
    for container in pod["containers"]:
        context = container["securityContext"]
        assert context["allowPrivilegeEscalation"] is False
        assert context["readOnlyRootFilesystem"] is True
        assert context["capabilities"]["drop"] == ["ALL"]
        assert "add" not in context["capabilities"]
        # A read-only root needs a writable /tmp (Rasa unpacks its model there).
        assert "/tmp" in {mount["mountPath"] for mount in container.get("volumeMounts", [])}
        resources = container["resources"]
        assert {"cpu", "memory"} <= set(resources["requests"]) and "memory" in resources["limits"]
        image = container["image"]
        assert ":" in image.rsplit("/", 1)[-1] and not image.endswith(":latest"), image


def test_rasa_gets_about_one_gibibyte_per_pod() -> None:
    (container,) = containers_of(resources_of("Deployment")["rasa"])
    assert container["resources"]["requests"]["memory"] == "1Gi"
    assert container["resources"]["limits"]["memory"] in {"1Gi", "1536Mi", "2Gi"}


def test_rasa_replicas_share_conversations_through_redis() -> None:
    (container,) = containers_of(resources_of("Deployment")["rasa"])
    redis = next(entry for entry in container["env"] if entry["name"] == "REDIS_URL")
    # Required, not optional: without Redis each replica would keep its own conversations.
    assert redis["valueFrom"]["secretKeyRef"].get("optional") is not True


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_secrets_come_from_the_secret_not_the_manifest(name: str) -> None:
    for container in containers_of(resources_of("Deployment")[name]):
        for entry in container.get("env", []):
            if SECRET_NAME_PATTERN.search(entry["name"]):
                assert "value" not in entry, f"{name}: {entry['name']} must come from a secretKeyRef"
                assert entry["valueFrom"]["secretKeyRef"]["name"] == "familiennavi-secrets"
    for config_map in resources_of("ConfigMap").values():
        assert not [key for key in config_map["data"] if SECRET_NAME_PATTERN.search(key)]


def test_every_secret_key_the_deployments_read_is_in_the_template() -> None:
    (template,) = load_documents(K8S / "secret.example.yaml")
    for deployment in resources_of("Deployment").values():
        for container in containers_of(deployment):
            for entry in container.get("env", []):
                ref = entry.get("valueFrom", {}).get("secretKeyRef")
                if ref:
                    assert ref["key"] in template["stringData"], ref["key"]


def test_rasa_gets_every_variable_endpoints_yml_needs() -> None:
    assert endpoint_variables() <= deployment_env(resources_of("Deployment")["rasa"])


def test_actions_and_api_get_what_their_code_reads() -> None:
    actions_env = deployment_env(resources_of("Deployment")["actions"])
    assert {"OFFERS_API_URL", "ACTION_SERVER_TOKEN", "ACTION_SERVER_HOST"} <= actions_env
    api_env = deployment_env(resources_of("Deployment")["api"])
    staff = {"RASA_URL", "STAFF_CHANNEL_TOKEN"} | STAFF_SETTINGS
    assert {"DATABASE_URL", "TOKEN_PEPPER", "ENVIRONMENT"} | staff <= api_env, staff - api_env
    settings = (ROOT / "api" / "settings.py").read_text(encoding="utf-8")
    read = {"DATABASE_URL", "REDIS_URL", "TOKEN_PEPPER", "ENVIRONMENT", "DEMO_DATA", "LOG_LEVEL"} | staff
    for name in api_env & read:
        assert f"    {name.lower()}:" in settings, f"api/settings.py reads no {name}"


@pytest.mark.parametrize("name", ["api", "rasa"])
def test_api_and_rasa_share_the_staff_channel_token(name: str) -> None:
    # Without it on the API the intake answers 503; without it on Rasa the staff channel refuses everything.
    entry = env_entry(resources_of("Deployment")[name], "STAFF_CHANNEL_TOKEN")
    assert entry, f"{name} gets no STAFF_CHANNEL_TOKEN"
    ref = entry["valueFrom"]["secretKeyRef"]
    assert (ref["name"], ref["key"]) == ("familiennavi-secrets", "STAFF_CHANNEL_TOKEN")
    assert ref.get("optional") is not True, f"{name}: a missing key must stop the pod, not switch the intake off"


def test_the_staff_channel_reads_its_token_from_the_environment() -> None:
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8"))
    assert STAFF_CHANNEL in credentials
    assert 'os.environ.get("STAFF_CHANNEL_TOKEN"' in (ROOT / "bot" / "channels" / "staff.py").read_text(
        encoding="utf-8"
    )


def test_the_api_finds_rasa_through_its_service() -> None:
    api = resources_of("Deployment")["api"]
    assert env_entry(api, "RASA_URL") is None, "RASA_URL belongs in the ConfigMap"
    url = config_value(api, "RASA_URL")
    assert url, "the API gets no RASA_URL: the staff intake would call 127.0.0.1:5005 inside its own pod"
    parts = urlsplit(url)
    (service_port,) = resources_of("Service")["rasa"]["spec"]["ports"]
    assert parts.scheme == "http" and parts.path in {"", "/"}
    # The Service's name, short or fully qualified (rasa.familiennavi.svc...), and its port.
    assert parts.hostname in {"rasa", f"rasa.{NAMESPACE}"} or str(parts.hostname).startswith(f"rasa.{NAMESPACE}.svc")
    assert parts.port == service_port["port"] == SERVICES["rasa"]["port"]


# ------------------------------------------------------------------------ Kubernetes: scaling and traffic


def test_the_autoscaler_scales_the_rasa_deployment() -> None:
    (hpa,) = resources_of("HorizontalPodAutoscaler").values()
    assert hpa["apiVersion"] == "autoscaling/v2"
    target = hpa["spec"]["scaleTargetRef"]
    assert (target["apiVersion"], target["kind"], target["name"]) == ("apps/v1", "Deployment", "rasa")
    assert (hpa["spec"]["minReplicas"], hpa["spec"]["maxReplicas"]) == (2, 6)
    (metric,) = hpa["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu" and metric["resource"]["target"]["averageUtilization"] == 70
    # The HPA owns the replica count; a fixed one in the Deployment would be reset by every apply.
    assert "replicas" not in resources_of("Deployment")["rasa"]["spec"]


def test_disruption_budgets_select_running_pods() -> None:
    budgets = resources_of("PodDisruptionBudget")
    assert "rasa" in budgets
    deployments = resources_of("Deployment").values()
    for budget in budgets.values():
        selector = budget["spec"]["selector"]["matchLabels"]
        assert any(selects(selector, pod_labels(deployment)) for deployment in deployments)


def _policy_for(component: str) -> dict[str, Any]:
    for policy in resources_of("NetworkPolicy").values():
        if policy["spec"]["podSelector"].get("matchLabels", {}).get("app.kubernetes.io/component") == component:
            return policy
    raise AssertionError(f"no NetworkPolicy for {component}")


def test_network_policies_deny_by_default() -> None:
    deny = resources_of("NetworkPolicy")["default-deny"]["spec"]
    assert deny["podSelector"] == {} and set(deny["policyTypes"]) == {"Ingress", "Egress"}
    assert "ingress" not in deny and "egress" not in deny


def _sources(component: str) -> set[str]:
    """Who may call a component: other components by name, the ingress controller as "ingress-controller"."""
    rules = _policy_for(component)["spec"].get("ingress", [])
    assert rules and all(rule.get("from") for rule in rules), f"{component} accepts traffic from anywhere"
    found: set[str] = set()
    for rule in rules:
        assert [port["port"] for port in rule["ports"]] == [SERVICES[component]["port"]], f"{component}: {rule}"
        for source in rule["from"]:
            if set(source) == {"namespaceSelector"}:
                assert source["namespaceSelector"]["matchLabels"] == INGRESS_NAMESPACE, f"{component}: {source}"
                found.add("ingress-controller")
            else:
                assert set(source) == {"podSelector"}, f"{component}: {source}"
                found.add(source["podSelector"]["matchLabels"]["app.kubernetes.io/component"])
    return found


def _allows_egress(component: str, target: str) -> bool:
    for rule in _policy_for(component)["spec"].get("egress", []):
        ports = {port["port"] for port in rule.get("ports", [])}
        for peer in rule.get("to", []):
            selected = peer.get("podSelector", {}).get("matchLabels", {})
            if selected.get("app.kubernetes.io/component") == target and SERVICES[target]["port"] in ports:
                return True
    return False


@pytest.mark.parametrize(
    ("component", "callers"),
    [
        ("actions", {"rasa"}),
        # The action server, and the ingress controller for the staff page (/staff).
        ("api", {"actions", "ingress-controller"}),
        # The channel webhooks through the ingress controller; the API for the staff channel.
        ("rasa", {"ingress-controller", "api"}),
    ],
)
def test_only_the_expected_callers_reach_a_service(component: str, callers: set[str]) -> None:
    assert _sources(component) == callers
    # And no other policy opens it up again.
    for policy in resources_of("NetworkPolicy").values():
        if policy is not _policy_for(component) and policy["spec"].get("ingress"):
            assert policy["spec"]["podSelector"].get("matchLabels", {}).get("app.kubernetes.io/component")


@pytest.mark.parametrize(("component", "target"), [("rasa", "actions"), ("actions", "api"), ("api", "rasa")])
def test_each_caller_may_leave_for_its_service(component: str, target: str) -> None:
    # The API's egress to Rasa carries the staff intake (RASA_URL); default-deny would drop it otherwise.
    assert _allows_egress(component, target), f"{component} may not reach {target}:{SERVICES[target]['port']}"


def _ingress_paths() -> list[dict[str, Any]]:
    ingresses = resources_of("Ingress").values()
    for ingress in ingresses:
        assert "defaultBackend" not in ingress["spec"], ingress["metadata"]["name"]
    return [path for ingress in ingresses for rule in ingress["spec"]["rules"] for path in rule["http"]["paths"]]


def test_the_ingress_routes_only_rasa_webhooks_and_the_staff_page() -> None:
    paths = _ingress_paths()
    assert paths
    for path in paths:
        assert path["pathType"] == "Prefix", path["path"]
        service = path["backend"]["service"]
        if path["path"] == STAFF_PREFIX:
            assert (service["name"], service["port"]) == ("api", {"name": "http"})
        else:
            assert path["path"].startswith("/webhooks/") and service["name"] == "rasa", path["path"]
    # Each routed prefix is a channel that credentials.yml turns on; the health and staff channels stay internal.
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8"))
    assert set(PUBLIC_CHANNELS) <= set(credentials)
    webhooks = {path["path"] for path in paths if path["backend"]["service"]["name"] == "rasa"}
    assert webhooks == {f"/webhooks/{name}/" for name in PUBLIC_CHANNELS.values()}
    assert not [path for path in paths if path["path"].startswith(("/webhooks/staff", "/webhooks/health"))]


def test_only_the_staff_page_of_the_api_is_routed() -> None:
    from api.routes import staff, staff_page  # the API environment runs these tests

    routed = [path["path"] for path in _ingress_paths() if path["backend"]["service"]["name"] == "api"]
    assert routed == [STAFF_PREFIX], "only /staff of the offers API is public (not /v1, /health, /docs)"
    # The prefix covers the page and its JSON API, and the code serves them there.
    assert staff_page.router.prefix == STAFF_PREFIX and staff.router.prefix == f"{STAFF_PREFIX}/api"
    # Its own Ingress, so a source-range restriction for the staff page cannot also lock out the webhooks; TLS,
    # because the session cookie is Secure outside localhost; the Host passed through (the login's Origin check).
    backends_by_ingress = {
        name: {
            path["backend"]["service"]["name"] for rule in ingress["spec"]["rules"] for path in rule["http"]["paths"]
        }
        for name, ingress in resources_of("Ingress").items()
    }
    (name,) = [name for name, backends in backends_by_ingress.items() if "api" in backends]
    assert backends_by_ingress[name] == {"api"}, f"{name} mixes the staff page with other routes"
    ingress = resources_of("Ingress")[name]
    assert ingress["spec"]["tls"]
    assert "nginx.ingress.kubernetes.io/upstream-vhost" not in ingress["metadata"].get("annotations", {})
    assert "whitelist-source-range" in (K8S / "ingress.yaml").read_text(encoding="utf-8")


def test_redis_and_postgres_are_external() -> None:
    services = resources_of("Service")
    for name in ("postgres", "redis"):
        assert services[name]["spec"]["type"] == "ExternalName"
    assert not resources_of("StatefulSet")


def test_secret_template_holds_placeholders_only() -> None:
    (template,) = load_documents(K8S / "secret.example.yaml")
    assert template["kind"] == "Secret" and "data" not in template
    for key, value in template["stringData"].items():
        if "://" in str(value):
            assert "CHANGE-ME" in str(value), key
        else:
            assert str(value) in PLACEHOLDERS, f"{key} holds a value"


# ------------------------------------------------------------------------------------------------ Compose


def test_compose_has_the_services_with_healthchecks() -> None:
    services = compose()["services"]
    assert set(services) == {"api", "actions", "rasa", "redis", "postgres"}
    for name, service in services.items():
        test = service["healthcheck"]["test"]
        assert test and test[0] in {"CMD", "CMD-SHELL"}, name
    for name, spec in SERVICES.items():
        found = re.search(rf"127\.0\.0\.1:{spec['port']}(/\w*)", " ".join(services[name]["healthcheck"]["test"]))
        assert found and found.group(1) in spec["paths"], name


def test_compose_starts_services_in_order_of_health() -> None:
    services = compose()["services"]
    expected = {"api": {"postgres", "redis"}, "actions": {"api"}, "rasa": {"actions", "redis"}}
    for name, needs in expected.items():
        depends = services[name]["depends_on"]
        assert set(depends) == needs, name
        assert all(condition["condition"] == "service_healthy" for condition in depends.values())


def test_compose_publishes_only_rasa_on_loopback() -> None:
    services = compose()["services"]
    published = {name: service["ports"] for name, service in services.items() if service.get("ports")}
    assert list(published) == ["rasa"]
    (mapping,) = published["rasa"]
    assert mapping.startswith("${RASA_PUBLISH_ADDRESS:-127.0.0.1}:") and mapping.endswith(":5005")
    assert not any("network_mode" in service for service in services.values())


def test_compose_builds_the_three_images_from_the_repository_root() -> None:
    services = compose()["services"]
    for name, spec in SERVICES.items():
        build = services[name]["build"]
        assert (COMPOSE.parent / build["context"]).resolve() == ROOT
        assert build["dockerfile"] == f"deploy/docker/{spec['dockerfile']}"
        assert services[name]["read_only"] is True and services[name]["cap_drop"] == ["ALL"]
    for name in ("redis", "postgres"):
        image = services[name]["image"]
        assert re.fullmatch(r"[\w.-]+:\d+\.\d+[\w.-]*", image), image


def test_compose_secrets_are_interpolated_never_written() -> None:
    services = compose()["services"]
    for name, service in services.items():
        environment = service.get("environment", {})
        assert isinstance(environment, dict), f"{name}: use the mapping form"
        for key, value in environment.items():
            if SECRET_NAME_PATTERN.search(key) and value not in (None, ""):
                assert "${" in str(value), f"{name}: {key} is written into the file"
    assert endpoint_variables() <= set(services["rasa"]["environment"])
    # Required secrets fail loudly when deploy/.env lacks them.
    assert ":?" in services["actions"]["environment"]["ACTION_SERVER_TOKEN"]
    assert ":?" in services["api"]["environment"]["TOKEN_PEPPER"]


@pytest.mark.parametrize("name", ["api", "rasa"])
def test_compose_shares_the_staff_channel_token(name: str) -> None:
    environment = compose()["services"][name]["environment"]
    assert "STAFF_CHANNEL_TOKEN" in environment, f"{name} gets no STAFF_CHANNEL_TOKEN"
    # The same variable of deploy/.env on both sides, required.
    assert str(environment["STAFF_CHANNEL_TOKEN"]).startswith("${STAFF_CHANNEL_TOKEN:?")


def test_compose_api_finds_rasa_and_gets_the_staff_settings() -> None:
    services = compose()["services"]
    environment = services["api"]["environment"]
    assert environment.get("RASA_URL") == f"http://rasa:{SERVICES['rasa']['port']}"
    assert set(environment) >= STAFF_SETTINGS, STAFF_SETTINGS - set(environment)
    # The two meet on a network (Rasa's own healthcheck is not the API's concern: no depends_on, it would cycle).
    assert set(services["api"]["networks"]) & set(services["rasa"]["networks"])


def test_env_example_holds_placeholders_only() -> None:
    for line in (DEPLOY / "env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            if SECRET_NAME_PATTERN.search(key):
                assert value in PLACEHOLDERS, f"{key} holds a value"


def test_every_compose_variable_is_documented_in_env_example() -> None:
    used = set(re.findall(r"\$\{(\w+)", COMPOSE.read_text(encoding="utf-8")))
    lines = (DEPLOY / "env.example").read_text(encoding="utf-8").splitlines()
    documented = {line.split("=", 1)[0] for line in lines if "=" in line and not line.startswith("#")}
    assert used <= documented, used - documented


# ---------------------------------------------------------------------------------------------- Dockerfiles


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_dockerfile_parses_and_pins_its_base_images(name: str) -> None:
    parser = dockerfile(name)
    froms = [exec_form(value) for value in instruction_values(parser.structure, "FROM")]
    assert len(froms) >= 2, "multi-stage: dependencies are built apart from the runtime image"
    stages: set[str] = set()
    for words in froms:
        if words[0] not in stages:
            repository, _, tag = words[0].partition(":")
            assert repository == "python" and tag != "latest", words[0]
            assert re.fullmatch(r"3\.1[01]\.\d+-slim-bookworm", tag), words[0]
        if len(words) == 3 and words[1].upper() == "AS":
            stages.add(words[2])


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_image_runs_as_a_non_root_user_with_a_healthcheck(name: str) -> None:
    final = final_stage(dockerfile(name))
    users = instruction_values(final, "USER")
    assert users, "no USER: the image would run as root"
    assert users[-1].split(":")[0] not in {"root", "0"}
    # Numeric, so Kubernetes' runAsNonRoot can check it.
    assert users[-1].split(":")[0].isdigit()
    healthchecks = instruction_values(final, "HEALTHCHECK")
    assert healthchecks and "NONE" not in healthchecks[-1].upper()
    found = re.search(rf"127\.0\.0\.1:{SERVICES[name]['port']}(/\w*)", healthchecks[-1])
    assert found and found.group(1) in SERVICES[name]["paths"]


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_image_start_command_listens_on_the_service_port(name: str) -> None:
    final = final_stage(dockerfile(name))
    command = exec_form(instruction_values(final, "CMD")[-1])
    entrypoints = instruction_values(final, "ENTRYPOINT")
    if entrypoints:
        assert exec_form(entrypoints[-1]) == ["/usr/local/bin/familiennavi-rasa"]
        command = run_entrypoint({})[0]
    port = str(SERVICES[name]["port"])
    assert command[command.index("--port") + 1] == port
    # Inside the container every service listens on all interfaces (the container network is the boundary).
    env = " ".join(instruction_values(final, "ENV"))
    assert "0.0.0.0" in command or "ACTION_SERVER_HOST=0.0.0.0" in env


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_image_bakes_in_no_secret(name: str) -> None:
    parser = dockerfile(name)
    for value in instruction_values(parser.structure, "ENV") + instruction_values(parser.structure, "ARG"):
        for key in re.findall(r"(\w+)=", value):
            assert not SECRET_NAME_PATTERN.search(key), f"{key} is set in the image"


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_image_copies_only_what_exists_and_is_not_ignored(name: str) -> None:
    for value in instruction_values(dockerfile(name).structure, "COPY"):
        words = shlex.split(value)
        if any(word.startswith("--from") for word in words):
            continue
        for source in [word for word in words if not word.startswith("--")][:-1]:
            assert (ROOT / source).exists(), source
            assert not ignored_by_dockerignore(source), f"{source} is excluded by .dockerignore"


def test_images_start_modules_that_exist() -> None:
    for module in ("api/main.py", "actions/server.py", "bot/server.py", "bot/nlu/spacy_pipeline.py"):
        assert (ROOT / module).is_file(), module
    rasa = (DOCKER / "rasa.Dockerfile").read_text(encoding="utf-8")
    assert "rasa train --fixed-model-name familiennavi --out models" in rasa
    assert "python -m bot.nlu.spacy_pipeline var/spacy/de_familiennavi" in rasa
    for dockerfile_name in ("rasa.Dockerfile",):
        text = (DOCKER / dockerfile_name).read_text(encoding="utf-8")
        assert "TF_CPP_MIN_LOG_LEVEL=2" in text and "RASA_TELEMETRY_ENABLED=false" in text


def test_images_install_the_project_extras() -> None:
    import tomllib  # Python 3.11+: the API environment

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert 'pip install ".[api]"' in (DOCKER / "api.Dockerfile").read_text(encoding="utf-8") and "api" in extras
    assert 'pip install ".[bot]"' in (DOCKER / "rasa.Dockerfile").read_text(encoding="utf-8") and "bot" in extras


def test_actions_image_pins_the_rasa_sdk_that_rasa_uses() -> None:
    pinned = re.search(r"RASA_SDK_VERSION=([\d.]+)", (DOCKER / "actions.Dockerfile").read_text(encoding="utf-8"))
    assert pinned
    installed = sorted((ROOT / ".venv" / "bot").glob("lib/python3.*/site-packages/rasa_sdk-*.dist-info"))
    if not installed:
        pytest.skip("no bot environment (.venv/bot) to compare with")
    assert installed[-1].name == f"rasa_sdk-{pinned.group(1)}.dist-info"


def test_dockerignore_keeps_secrets_and_local_state_out() -> None:
    for path in (".env", "deploy/.env", ".venv", ".git", "models", "var", "tests"):
        assert ignored_by_dockerignore(path), path
    for path in ("api", "actions", "bot", "vocabulary", "pyproject.toml", "deploy/docker/rasa-entrypoint.sh"):
        assert not ignored_by_dockerignore(path), path


# ------------------------------------------------------------------------------------ the Rasa entrypoint

STUB_PYTHON = r"""#!/bin/sh
# Stand-in for python: prints its arguments, then the variables endpoints.yml needs, NUL-separated.
for a in "$@"; do printf '%s\0' "$a"; done
printf '\n'
for v in ACTION_SERVER_URL ACTION_SERVER_TOKEN REDIS_URL TRACKER_EXPIRY_SECONDS; do
  eval "set_=\${$v+set} value_=\${$v-}"
  [ "$set_" = set ] && printf '%s=%s\0' "$v" "$value_"
done
"""


def run_entrypoint(env: dict[str, str], *args: str) -> tuple[list[str], dict[str, str]]:
    """What the entrypoint executes (argv after `python`) and the endpoint variables it exports."""
    with tempfile.TemporaryDirectory() as directory:
        stub = Path(directory) / "python"
        stub.write_text(STUB_PYTHON, encoding="utf-8")
        stub.chmod(0o755)
        result = subprocess.run(
            ["sh", str(DOCKER / "rasa-entrypoint.sh"), *args],
            env={"PATH": f"{directory}:/usr/bin:/bin", **env},
            capture_output=True,
            timeout=30,
            check=True,
        )
    argv_part, _, env_part = result.stdout.decode().partition("\n")
    argv = argv_part.split("\0")[:-1]
    exported = dict(item.split("=", 1) for item in env_part.split("\0") if "=" in item)
    return argv, exported


def test_entrypoint_keeps_the_http_api_off_without_a_token() -> None:
    for env in ({}, {"RASA_API_TOKEN": ""}):
        argv, _ = run_entrypoint(env)
        assert argv[:3] == ["-m", "bot.server", "run"]
        assert "--enable-api" not in argv and "--auth-token" not in argv
    expected = {
        "--model": "models/familiennavi.tar.gz",
        "--endpoints": "endpoints.yml",
        "--credentials": "credentials.yml",
        "--interface": "0.0.0.0",
        "--port": "5005",
    }
    for flag, value in expected.items():
        assert argv[argv.index(flag) + 1] == value


def test_entrypoint_turns_the_http_api_on_with_a_token() -> None:
    argv, _ = run_entrypoint({"RASA_API_TOKEN": "two words;$x *"})
    assert argv[-3:] == ["--enable-api", "--auth-token", "two words;$x *"]


def test_entrypoint_defines_every_endpoints_variable() -> None:
    _, exported = run_entrypoint({"REDIS_URL": "redis://redis:6379/0"})
    assert endpoint_variables() <= set(exported)
    assert exported["REDIS_URL"] == "redis://redis:6379/0"
    assert exported["ACTION_SERVER_URL"] == "http://actions:5055/webhook"
    assert exported["TRACKER_EXPIRY_SECONDS"] == "3600"


def test_entrypoint_passes_extra_arguments_on() -> None:
    argv, _ = run_entrypoint({}, "--log-file", "/tmp/rasa.log")
    assert argv[argv.index("--log-file") + 1] == "/tmp/rasa.log"


# ------------------------------------------------------------------------------------------- no real secrets


@pytest.mark.parametrize("path", list(deploy_text_files()), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_real_looking_secret(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    for label, pattern in REAL_SECRET_PATTERNS.items():
        found = pattern.search(text)
        assert not found, f"{path.name}: looks like a {label}: {found.group(0)[:12]}..."


def test_the_secret_scan_recognises_real_looking_values() -> None:
    samples = {
        "Telegram bot token": "TELEGRAM_TOKEN=" + "1234567890:" + "A" * 35,
        "Twilio account SID": "AC" + "0123456789abcdef" * 2,
        "password in a URL": "postgresql+psycopg://familiennavi:" + "hunter2hunter2" + "@db:5432/x",
    }
    for label, sample in samples.items():
        assert REAL_SECRET_PATTERNS[label].search(sample), label
    assert not REAL_SECRET_PATTERNS["password in a URL"].search("redis://:${REDIS_PASSWORD}@redis:6379/0")
    assert not REAL_SECRET_PATTERNS["password in a URL"].search("postgresql://familiennavi:CHANGE-ME@postgres:5432/x")
