"""``counterpart store key`` and ``store encrypt`` as a user runs them, and what the app's
commands say of an encrypted store whose kiosk.toml does not fit it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sync.store.store import LocalStore

COUNTERPART = str(Path(sys.executable).with_name("counterpart"))


def run(config: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [COUNTERPART, "--config", str(config), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def first_start(config: Path) -> subprocess.CompletedProcess[str]:
    """A command that writes, as the app's first start does (a read-only one makes no store)."""
    return run(config, "operators", "add", "ana", "--name", "Ana", "--pin-stdin", stdin="4821\n")


def site(folder: Path, encryption: str = "none", url: str = "off") -> Path:
    config = folder / "kiosk.toml"
    config.write_text(
        '[site]\nid = "van-1"\nname = "Van"\nmode = "van"\n'
        f'[store]\npath = "var/counterpart.db"\nencryption = "{encryption}"\n'
        'key_file = "keys/store.key"\n'
        f'[central]\nurl = "{url}"\n'
    )
    return config


def test_key_new_makes_an_owner_only_key_once(tmp_path: Path) -> None:
    config = site(tmp_path)
    made = run(config, "store", "key", "--new")
    assert made.returncode == 0, made.stderr
    key_file = tmp_path / "keys" / "store.key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    key = key_file.read_text()
    assert key.strip() not in made.stdout + made.stderr, "the key itself is never printed"
    again = run(config, "store", "key", "--new")
    assert again.returncode == 1 and "exists already" in again.stderr
    assert key_file.read_text() == key
    assert run(config, "store", "key").returncode == 0
    key_file.chmod(0o644)
    refused = run(config, "store", "key")
    assert refused.returncode == 1
    assert f"{key_file} has mode 0644" in refused.stderr


def test_encrypt_then_the_config_must_say_so(tmp_path: Path) -> None:
    config = site(tmp_path)
    store = tmp_path / "var" / "counterpart.db"
    store.parent.mkdir()
    with LocalStore(store, site_id="van-1") as plain:
        plain.start_journey(language="pt", channel="van", actor="system")
    done = run(config, "store", "encrypt")
    assert done.returncode == 0, done.stderr
    assert "1 events" in done.stdout and "A new key is in" in done.stdout
    assert 'set encryption = "sqlcipher"' in done.stderr
    before = store.read_bytes()
    # kiosk.toml still says none: refused, naming the store, changing nothing.
    refused = run(config, "journeys", "--json")
    assert refused.returncode == 1 and str(store) in refused.stderr
    assert store.read_bytes() == before
    encrypted = site(tmp_path, "sqlcipher")
    listed = run(encrypted, "journeys", "--json")
    assert listed.returncode == 0, listed.stderr
    assert '"events": 1' in listed.stdout
    twice = run(encrypted, "store", "encrypt")
    assert twice.returncode == 1 and "encrypted already" in twice.stderr


def test_a_plain_store_with_encryption_on_is_refused_pointing_at_store_encrypt(
    tmp_path: Path,
) -> None:
    plain = site(tmp_path)
    assert first_start(plain).returncode == 0  # makes the plain store
    (tmp_path / "keys").mkdir()
    assert run(plain, "store", "key", "--new").returncode == 0
    refused = run(site(tmp_path, "sqlcipher"), "journeys")
    assert refused.returncode == 1
    assert "plain (unencrypted) store" in refused.stderr
    assert "counterpart store encrypt" in refused.stderr


def test_the_first_start_makes_the_key_but_an_existing_store_never_gets_one(
    tmp_path: Path,
) -> None:
    config = site(tmp_path, "sqlcipher")
    first = first_start(config)
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "keys" / "store.key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert not (tmp_path / "var" / "counterpart.db").read_bytes().startswith(b"SQLite")
    key_file.unlink()
    lost = run(config, "journeys")
    assert lost.returncode == 1 and f"{key_file} does not exist" in lost.stderr
    assert not key_file.exists()


def test_an_encrypted_store_with_an_embedded_central_store_is_a_config_error(
    tmp_path: Path,
) -> None:
    refused = run(site(tmp_path, "sqlcipher", url="embedded"), "journeys")
    assert refused.returncode == 2
    assert "store.encryption = 'sqlcipher'" in refused.stderr
    assert "central.db" in refused.stderr
    assert not (tmp_path / "var").exists() and not (tmp_path / "keys").exists()
