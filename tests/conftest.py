import os
import shutil
from pathlib import Path

import pytest

# Before pytest-qt creates the QApplication; setdefault lets a run choose xcb under Xvfb.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "resources" / "examples"


@pytest.fixture
def sample_2021_path() -> Path:
    return EXAMPLES / "plzen-2021.dossier"


@pytest.fixture
def sample_2020_path() -> Path:
    return EXAMPLES / "plzen-2020.dossier"


@pytest.fixture
def sample_2021(sample_2021_path):
    from dossier.formats.native import load

    return load(sample_2021_path)


@pytest.fixture
def sample_2020(sample_2020_path):
    from dossier.formats.native import load

    return load(sample_2020_path)


@pytest.fixture
def soffice() -> str:
    path = shutil.which("soffice")
    if path is None:
        pytest.fail("LibreOffice (soffice) není nainstalován; .ci/run jej instaluje.")
    return path


def pytest_collection_modifyitems(items):
    # Every LibreOffice render test is slow: the README's quick run deselects them, .ci/run runs them.
    for item in items:
        if "soffice" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
