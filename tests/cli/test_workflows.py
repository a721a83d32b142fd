"""The volunteer pull-request workflow: GitHub Actions, the pre-commit hook, and CONTRIBUTING.md.

Every command the workflows run must exist and accept the flags they pass; the annotations
``pillar validate --format github`` prints must be the text format's problems, one for one; and the
messages CONTRIBUTING.md quotes must be what ``pillar validate`` really says.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml

from fake_nominatim import FakeNominatim
from helpers import REPO, make_site, run_pillar

WORKFLOWS = REPO / ".github" / "workflows"
WORKFLOW_FILES = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])
PRE_COMMIT = REPO / ".pre-commit-config.yaml"
CONTRIBUTING = REPO / "CONTRIBUTING.md"

# The first word of every line of every `run:` script must be one of these.
ALLOWED_COMMANDS = {"pillar", "python", "npm", "make", "git", "gh"}
GIT_COMMANDS = {"config", "add", "diff", "commit", "push", "rev-parse"}
"""What the pull-request workflow may do with git: commit the geocode cache and push it."""
# `uses:` must name a version: a tag such as v4 / v4.1.2, or a full commit SHA.
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$")
EXPRESSION = re.compile(r"\$\{\{.*?\}\}")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    """The `on:` block; YAML 1.1 (PyYAML) reads the bare key `on` as True."""
    on = workflow.get("on", workflow.get(True))
    assert on is not None, "the workflow has no on: block"
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {event: None for event in on}
    return on


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def commands(script: str) -> list[list[str]]:
    """Each command of a run script as words: continuation lines joined, comments and blanks left out."""
    logical, pending = [], ""
    for line in script.splitlines():
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        logical.append(pending + line)
        pending = ""
    if pending:
        logical.append(pending)
    return [shlex.split(line, comments=True) for line in logical if line.strip() and shlex.split(line, comments=True)]


def all_commands() -> list[tuple[str, list[str]]]:
    return [(path.name, words) for path in WORKFLOW_FILES for step in steps(load(path)) if "run" in step
            for words in commands(step["run"])]


@cache
def pillar_help(subcommand: str) -> str:
    result = run_pillar(subcommand, "--help")
    assert result.code == 0, f"pillar {subcommand} --help: {result.err}"
    return result.out


def makefile_targets() -> set[str]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return {name for line in text.splitlines() if (m := re.match(r"^([\w.-]+)\s*:(?!=)", line))
            for name in m.group(1).split()}


def test_the_workflows_exist():
    assert {p.name for p in WORKFLOW_FILES} >= {"pull-request.yml", "deploy.yml"}


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_every_workflow_is_valid_yaml_with_jobs_and_steps(path):
    workflow = load(path)
    assert isinstance(workflow, dict) and workflow.get("name")
    assert triggers(workflow)
    assert workflow["jobs"]
    for name, job in workflow["jobs"].items():
        assert job.get("runs-on") == "ubuntu-latest", name
        for step in job.get("steps", []):
            assert ("run" in step) != ("uses" in step), f"{name}: a step does exactly one of run/uses: {step}"


def test_pull_request_workflow_runs_on_pull_requests():
    assert "pull_request" in triggers(load(WORKFLOWS / "pull-request.yml"))


def test_deploy_workflow_runs_on_push_to_main():
    on = triggers(load(WORKFLOWS / "deploy.yml"))
    assert "main" in on["push"]["branches"]
    assert "pull_request" not in on


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_version(path):
    uses = [step["uses"] for step in steps(load(path)) if "uses" in step]
    assert uses
    for action in uses:
        assert PINNED.match(action), f"{path.name}: {action} is not pinned to a version (@v4 or a commit SHA)"


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_python_311_and_node_20_then_install(path):
    workflow_steps = steps(load(path))
    by_action = {step["uses"].split("@")[0]: step for step in workflow_steps if "uses" in step}
    assert str(by_action["actions/setup-python"]["with"]["python-version"]) == "3.11"
    assert str(by_action["actions/setup-node"]["with"]["node-version"]) == "20"
    runs = [" ".join(words) for step in workflow_steps if "run" in step for words in commands(step["run"])]
    assert "python -m pip install -e ." in runs
    assert any(run.startswith("npm ci") for run in runs)
    assert any(run.startswith("pillar build --strict") for run in runs)


def test_every_run_command_exists():
    seen = all_commands()
    assert seen
    for workflow, words in seen:
        where = f"{workflow}: {shlex.join(words)}"
        command = words[0]
        assert command in ALLOWED_COMMANDS, f"{where}: {command!r} is not one of {sorted(ALLOWED_COMMANDS)}"
        if command == "pillar":
            check_pillar_command(words, where)
        elif command == "python":
            if "-m" in words:
                module = words[words.index("-m") + 1]
                assert importlib.util.find_spec(module), f"{where}: no module {module}"
            if words[1:4] == ["-m", "pip", "install"]:
                assert (REPO / "pyproject.toml").is_file()
        elif command == "npm":
            assert words[1] == "ci", f"{where}: only npm ci (the locked versions) is allowed"
            assert (REPO / "package-lock.json").is_file() and (REPO / "package.json").is_file()
            lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
            wanted = json.loads((REPO / "package.json").read_text(encoding="utf-8"))["dependencies"]
            assert set(wanted) <= set(lock["packages"][""]["dependencies"]), "package-lock.json is stale"
        elif command == "git":
            for part in " ".join(words).split("||"):
                sub = part.split()
                assert sub[0] == "git" and sub[1] in GIT_COMMANDS, f"{where}: git {sub[1]} is not allowed"
        elif command == "gh":
            assert words[1] == "api" and "/statuses/" in words[2], f"{where}: gh only sets a commit status"
        elif command == "make":
            targets = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
            assert set(targets) <= makefile_targets(), f"{where}: no such make target"


def check_pillar_command(words: list[str], where: str) -> None:
    subcommand = words[1]
    help_text = pillar_help(subcommand)
    args = words[2:]
    for i, word in enumerate(args):
        if not word.startswith("-"):
            continue
        flag = word.split("=", 1)[0]
        assert re.search(rf"(^|[\s,]){re.escape(flag)}\b", help_text), f"{where}: {flag} is not in pillar {subcommand} --help"
        choices = re.search(rf"{re.escape(flag)} \{{([\w,]+)\}}", help_text)
        if choices and i + 1 < len(args):
            assert args[i + 1] in choices.group(1).split(","), f"{where}: {flag} {args[i + 1]} is not a choice"
        if flag in ("-e", "--extra-settings"):
            for setting in args[i + 1:]:
                if setting.startswith("-"):
                    break
                key, _, value = setting.partition("=")
                assert re.fullmatch(r"[A-Z][A-Z0-9_]*", key), f"{where}: {setting}"
                # The ${{ … }} expression is filled in by Actions; with a URL in its place it must be JSON.
                try:
                    json.loads(EXPRESSION.sub("https://example.github.io/pillar", value))
                except json.JSONDecodeError:
                    pytest.fail(f"{where}: {key}'s value is not JSON (quote strings: KEY='\"…\"')")


def test_pillar_help_shows_the_flags_ci_relies_on():
    assert "--strict" in pillar_help("build")
    validate = pillar_help("validate")
    assert "--strict" in validate
    assert re.search(r"--format \{[\w,]*github[\w,]*\}", validate)


def test_pull_request_workflow_validates_with_annotations_builds_and_uploads_the_preview():
    workflow_steps = steps(load(WORKFLOWS / "pull-request.yml"))
    order = []
    for step in workflow_steps:
        if "run" in step:
            order += [" ".join(words[:2]) for words in commands(step["run"])]
            if step["run"].startswith("pillar validate"):
                assert commands(step["run"]) == [["pillar", "validate", "--format", "github", "--strict"]]
            if step["run"].startswith("pillar build"):
                assert "--strict" in step["run"]
        else:
            order.append(step["uses"].split("@")[0])
    assert order.index("actions/checkout") < order.index("actions/setup-python") < order.index("python -m")
    assert order.index("npm ci") < order.index("pillar validate") < order.index("pillar build") \
        < order.index("actions/upload-artifact")
    upload = next(s for s in workflow_steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "site-preview"
    assert upload["with"]["path"].rstrip("/") == "output"


def test_deploy_workflow_publishes_to_github_pages():
    workflow = load(WORKFLOWS / "deploy.yml")
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"]
    workflow_steps = steps(workflow)
    actions = [s["uses"].split("@")[0] for s in workflow_steps if "uses" in s]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in actions
    assert actions.index("actions/configure-pages") < actions.index("actions/upload-pages-artifact") \
        < actions.index("actions/deploy-pages")
    pages = next(s for s in workflow_steps if s.get("uses", "").startswith("actions/configure-pages@"))
    build = next(s for s in workflow_steps if s.get("run", "").startswith("pillar build"))
    assert f"SITEURL='\"${{{{ steps.{pages['id']}.outputs.base_url }}}}\"'" in build["run"]
    upload = next(s for s in workflow_steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "output"
    deploy_job = next(job for job in workflow["jobs"].values()
                      if any(s.get("uses", "").startswith("actions/deploy-pages@") for s in job["steps"]))
    assert deploy_job["environment"]["name"] == "github-pages"


def test_the_deploy_build_command_really_builds_under_a_sub_path(tmp_path):
    site = make_site(tmp_path / "site", {"meetings/a.yaml": GOOD})
    result = run_pillar("build", "--strict", "-e", 'SITEURL="https://example.github.io/pillar"', cwd=site)
    assert result.code == 0, result.err
    home = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.github.io/pillar/meetings/"' in home


# --- pre-commit ------------------------------------------------------------------------------

def pre_commit_hook() -> dict:
    config = load(PRE_COMMIT)
    [local] = [repo for repo in config["repos"] if repo["repo"] == "local"]
    [hook] = [hook for hook in local["hooks"] if hook["id"] == "pillar-validate"]
    return hook


def test_pre_commit_hook_runs_pillar_validate_on_listing_files():
    hook = pre_commit_hook()
    assert hook["entry"] == "pillar validate"
    assert hook["language"] == "system"
    assert hook.get("pass_filenames", True) is True
    files = re.compile(hook["files"])
    for path in ("directory/meetings/austin/x.yaml", "directory/meetings/x.yml", "directory/services/x.yaml",
                 "directory/online/x.yaml"):
        assert files.search(path), path
    for path in ("README.md", "directory/geocode-cache.json", "directory/meetings/austin/notes.md",
                 "tests/fixtures/directory/meetings/x.yaml", "plugins/pillar/schema/meeting.json"):
        assert not files.search(path), path


def test_pre_commit_hook_command_passes_on_the_sample_listings():
    hook = pre_commit_hook()
    entry = shlex.split(hook["entry"])
    assert entry[0] == "pillar"
    files = re.compile(hook["files"])
    listings = sorted(str(p.relative_to(REPO)) for p in (REPO / "directory").rglob("*")
                      if files.search(str(p.relative_to(REPO))))
    assert len(listings) > 10
    result = run_pillar(*entry[1:], *hook.get("args", []), *listings)
    assert result.code == 0, result.out + result.err


# --- annotations ------------------------------------------------------------------------------

GOOD = """\
name: Sample Group
day: monday
time: "19:30"
address: 1 Sample St, Austin, TX
latitude: 30.27
longitude: -97.74
"""
BROKEN = GOOD.replace('"19:30"', '"7:30pm"') + "types: [Opn]\nadress: x\n"
TEXT_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<warning>warning: )?(?P<message>.*)$")


def as_annotation(text_line: str) -> str:
    m = TEXT_LINE.match(text_line)
    assert m, text_line
    level = "warning" if m["warning"] else "error"
    message = m["message"].replace("%", "%25")
    return f"::{level} file={m['path']},line={m['line']},col={m['col']}::{message}"


def test_github_format_prints_one_error_annotation_per_problem(tmp_path):
    site = make_site(tmp_path, {"meetings/a.yaml": BROKEN})
    text = run_pillar("validate", cwd=site)
    github = run_pillar("validate", "--format", "github", "--strict", cwd=site)
    assert text.code == github.code == 1
    text_lines, github_lines = text.out.splitlines(), github.out.splitlines()
    assert len(text_lines) == 3
    assert github_lines == [as_annotation(line) for line in text_lines]
    for line in github_lines:
        assert re.fullmatch(r"::error file=directory/meetings/a\.yaml,line=\d+,col=\d+::\S.*", line), line
    assert github_lines[0].startswith("::error file=directory/meetings/a.yaml,line=3,col=7::time: ")


def test_github_format_keeps_warnings_as_warnings(tmp_path):
    site = make_site(tmp_path, {"meetings/a.yaml": GOOD + 'last_verified: "2999-01-01"\n'})
    text = run_pillar("validate", cwd=site)
    github = run_pillar("validate", "--format", "github", "--strict", cwd=site)
    assert text.code == 0 and github.code == 1  # --strict, as the workflow runs it: warnings fail
    assert github.out.splitlines() == [as_annotation(line) for line in text.out.splitlines()]
    assert github.out.startswith("::warning file=directory/meetings/a.yaml,line=7,col=16::")


# --- CONTRIBUTING.md ------------------------------------------------------------------------------

def code_blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", CONTRIBUTING.read_text(encoding="utf-8"), re.M | re.S)


EXAMPLE_PATH = "meetings/austin/sample-tuesday-night-group.yaml"


def example_meeting() -> str:
    [example] = [block for block in code_blocks("yaml") if "schema/meeting.json" in block]
    return example


def test_contributing_explains_the_web_editor_flow():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    for words in ("pencil", "Propose changes", "Create pull request", "Add file → Create new file",
                  "Files changed", "status: temporarily_closed", "Delete file", "site-preview",
                  "make serve", "make test", "pre-commit install", "README.md#writing-listings"):
        assert words in text, words


def test_contributing_examples_are_valid_listings(tmp_path):
    blocks = [b for b in code_blocks("yaml") if b.startswith("# yaml-language-server")]
    assert len(blocks) == 3
    listings = {}
    for block in blocks:
        kind = re.search(r"schema/(\w+)\.json", block)[1]
        folder = {"meeting": "meetings", "service": "services", "online": "online"}[kind]
        listings[EXAMPLE_PATH if kind == "meeting" else f"{folder}/example.yaml"] = block
    site = make_site(tmp_path, listings)
    for path, block in listings.items():
        schema = re.match(r"# yaml-language-server: \$schema=(\S+)", block)[1]
        assert (REPO / "directory" / path).parent.joinpath(schema).resolve() == \
            (REPO / "plugins/pillar/schema" / Path(schema).name), f"the modeline of {path} points elsewhere"
    result = run_pillar("validate", "--strict", cwd=site)
    assert result.code == 0, result.out + result.err
    assert "3 listing files: 0 errors, 0 warnings" in result.err


# Each mistake CONTRIBUTING.md shows, made in its example meeting.
MISTAKES = {
    "unknown field": lambda ex: {EXAMPLE_PATH: ex.replace("address:", "adress:")},
    "12-hour time": lambda ex: {EXAMPLE_PATH: ex.replace('time: "19:30"', 'time: "7:30pm"')},
    "unknown type": lambda ex: {EXAMPLE_PATH: ex.replace("[O, D, X]", "[Opn, D, X]")},
    "missing time": lambda ex: {EXAMPLE_PATH: ex.replace('time: "19:30"\n', "")},
    "online without link": lambda ex: {EXAMPLE_PATH: ex.replace("attendance: in_person", "attendance: online")},
    "not https": lambda ex: {EXAMPLE_PATH: ex + "conference_url: zoom.us/j/123\n"},
    "duplicate slug": lambda ex: {EXAMPLE_PATH: ex, "meetings/austin/tuesday-night.yaml": ex},
    "colon": lambda ex: {EXAMPLE_PATH: ex.replace("notes: Newcomers are welcome. Coffee from 7 pm.",
                                                  "notes: Newcomers welcome: coffee from 7 pm")},
    "misspelled day": lambda ex: {EXAMPLE_PATH: ex.replace("day: tuesday", "day: tues")},
}


def test_contributing_quotes_the_real_messages(tmp_path):
    example = example_meeting()
    printed = set()
    for name, mistake in MISTAKES.items():
        site = make_site(tmp_path / name.replace(" ", "-"), mistake(example))
        result = run_pillar("validate", "--strict", cwd=site)
        assert result.code == 1 and result.out, name
        printed.update(result.out.splitlines())
    build_site = make_site(tmp_path / "no-coordinates",
                           {EXAMPLE_PATH: example.replace("latitude: 30.2672\nlongitude: -97.7431\n", "")})
    built = run_pillar("build", "--strict", cwd=build_site)
    assert built.code == 1
    printed.update(line for line in built.err.splitlines() if TEXT_LINE.match(line))

    quoted = [line for block in code_blocks("text") for line in block.splitlines() if TEXT_LINE.match(line)]
    assert len(quoted) == len(MISTAKES) + 1
    for line in quoted:
        assert line in printed, f"CONTRIBUTING.md quotes a message pillar does not print:\n{line}"


# --- the pull request's addresses, looked up and saved to its branch -------------------------------

NEW_MEETING = 'name: Sample New Group\nday: monday\ntime: "19:30"\naddress: "{address}"\n'


def run_scripts(workflow: str) -> dict[str, str]:
    """The workflow's `run:` scripts by step name."""
    return {step["name"]: step["run"] for step in steps(load(WORKFLOWS / workflow)) if "run" in step}


def git(*args, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def as_the_runner(script: str, cwd: Path, **env) -> subprocess.CompletedProcess:
    """A `run:` script as GitHub's runner runs it (bash -eo pipefail), `pillar` on the PATH."""
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd,
                          capture_output=True, text=True, timeout=300, env={**os.environ, "PATH": path, **env})


def volunteer_branch(tmp_path: Path, server, address: str) -> tuple[Path, Path]:
    """A site in a git repository with an `origin`, and a pull request's branch adding one meeting."""
    origin = tmp_path / "origin.git"
    git("init", "--bare", "--quiet", str(origin), cwd=tmp_path)
    site = make_site(tmp_path / "site", {"meetings/austin/sample-old.yaml": GOOD},
                     f"DIRECTORY_GEOCODER = {server.settings()!r}\n")
    for command in (("init", "--quiet", "-b", "main"), ("config", "user.name", "Sample Volunteer"),
                    ("config", "user.email", "volunteer@example.org"), ("add", "."), ("commit", "-qm", "Site"),
                    ("remote", "add", "origin", str(origin)), ("push", "-q", "origin", "main"),
                    ("checkout", "-q", "-b", "add-sample-new")):
        git(*command, cwd=site)
    (site / "directory/meetings/austin/sample-new.yaml").write_text(NEW_MEETING.format(address=address))
    git("add", ".", cwd=site)
    git("commit", "-qm", "Add Sample New Group", cwd=site)
    git("push", "-q", "origin", "add-sample-new", cwd=site)
    return site, origin


def test_pull_request_workflow_finds_new_addresses_and_commits_the_cache_to_the_branch(tmp_path):
    scripts = run_scripts("pull-request.yml")
    summary = tmp_path / "summary.md"
    with FakeNominatim() as server:
        site, origin = volunteer_branch(tmp_path, server, "1 Sample St, Austin, TX 78701, US")
        before = run_pillar("validate", "--strict", cwd=site)
        assert before.code == 1 and "no coordinates for" in before.out  # what failed the check before
        found = as_the_runner(scripts["Look up new addresses on the map"], site,
                              GITHUB_STEP_SUMMARY=str(summary))
    assert found.returncode == 0, found.stderr
    assert found.stdout.splitlines() == [
        "::notice file=directory/meetings/austin/sample-new.yaml,line=4,col=10,title=Address found on the map::"
        '"1 Sample St, Austin, TX 78701, US" was found at: 1, Sample Street, Austin, Texas, 78701, United States '
        "(30.2671, -97.7431). If that is not the place, correct the address or add latitude and longitude."]
    markdown = summary.read_text(encoding="utf-8")
    assert "| directory/meetings/austin/sample-new.yaml | 1 Sample St, Austin, TX 78701, US | " \
           "1, Sample Street, Austin, Texas, 78701, United States | no |" in markdown
    assert "```yaml\nlatitude: 30.2671\nlongitude: -97.7431\n```" in markdown  # the suggestion for forks

    saved = as_the_runner(scripts["Save the answers to the pull request's branch"], site,
                          GITHUB_HEAD_REF="add-sample-new")
    assert saved.returncode == 0, saved.stderr
    assert git("log", "-1", "--format=%s%n%an", "add-sample-new", cwd=origin).splitlines() == [
        "Add the map positions of new addresses (pillar geocode)", "github-actions[bot]"]
    assert git("diff", "--name-only", "add-sample-new~1", "add-sample-new", cwd=origin).split() == [
        "directory/geocode-cache.json"]
    check = as_the_runner(scripts["Check the listings"], site)
    assert check.returncode == 0, check.stdout + check.stderr  # the volunteer's check is green
    again = as_the_runner(scripts["Save the answers to the pull request's branch"], site,
                          GITHUB_HEAD_REF="add-sample-new")
    assert again.returncode == 0 and len(git("log", "--format=%H", "add-sample-new", cwd=origin).split()) == 3


def test_an_approximate_answer_is_a_warning_on_the_address(tmp_path):
    with FakeNominatim() as server:
        site, _ = volunteer_branch(tmp_path, server, "somewhere, Austin, TX")
        found = run_pillar("geocode", "--format", "github", cwd=site)
    assert found.code == 0, found.err
    assert found.out.startswith("::warning file=directory/meetings/austin/sample-new.yaml,line=4,col=10,"
                                "title=Address found on the map::\"somewhere, Austin, TX\" was found at: Austin, "
                                "Travis County, Texas, United States — approximate: a town or area, not the building")


def test_a_fork_gets_the_answer_as_a_suggestion_and_is_never_pushed_to():
    workflow = load(WORKFLOWS / "pull-request.yml")
    assert "pull_request_target" not in triggers(workflow)  # a fork's code never runs with write access
    [job] = workflow["jobs"].values()
    assert job["env"]["SAME_REPOSITORY"] == \
        "${{ github.event.pull_request.head.repo.full_name == github.repository }}"
    by_name = {step["name"]: step for step in job["steps"]}
    for name in ("Save the answers to the pull request's branch", "Mark the saved commit as checked"):
        assert by_name[name]["if"] == "env.SAME_REPOSITORY == 'true'"
    lookup = by_name["Look up new addresses on the map"]
    assert lookup["continue-on-error"] is True and "--summary \"$GITHUB_STEP_SUMMARY\"" in lookup["run"]
    order = list(by_name)
    wanted = ["Look up new addresses on the map", "Save the answers to the pull request's branch",
              "Check the listings", "Build the site", "Mark the saved commit as checked"]
    assert [name for name in order if name in wanted] == wanted


def test_deploy_sets_the_repository_links_from_the_repository(tmp_path):
    [build] = [words for name, words in all_commands() if name == "deploy.yml" and words[:2] == ["pillar", "build"]]
    values = dict(word.split("=", 1) for word in build if "=" in word)
    assert values["REPO_URL"] == '"${{ github.server_url }}/${{ github.repository }}"'
    assert values["REPO_BRANCH"] == '"${{ github.event.repository.default_branch }}"'
    filled = {"github.server_url": "https://github.com", "github.repository": "sample-org/sample-meetings",
              "github.event.repository.default_branch": "main",
              "steps.pages.outputs.base_url": "https://sample-org.github.io/sample-meetings"}
    site = make_site(tmp_path, {"meetings/a.yaml": GOOD})
    args = [EXPRESSION.sub(lambda m: filled[m[0][3:-2].strip()], word) for word in build[2:]]
    result = run_pillar("build", *args, cwd=site)
    assert result.code == 0, result.err
    page = (site / "output" / "meetings" / "sample-group" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/sample-org/sample-meetings/edit/main/directory/meetings/a.yaml"' in page
    assert 'href="https://github.com/sample-org/sample-meetings/issues/new?title=' in page
