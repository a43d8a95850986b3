"""Qt's own file and print dialogs speak Czech, including labels Qt's translation misses."""

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QGroupBox, QLabel, QRadioButton

from dossier.ui.app import _application

ENGLISH = ("Look in", "Files of", "Pages", "Double Sided", "binding", "Off")


def test_file_and_print_dialogs_have_no_english_labels(qtbot):
    assert _application() is QApplication.instance()  # installs the translators on the test's application
    files = QFileDialog()
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(files)
    printing = QPrintDialog(QPrinter())
    qtbot.addWidget(printing)
    texts = [w.text() for w in files.findChildren(QLabel)] + [w.text() for w in printing.findChildren(QRadioButton)]
    texts += [g.title() for g in printing.findChildren(QGroupBox)]
    assert "&Hledat v:" in texts and "Oboustranný tisk" in texts
    assert not [t for t in texts if any(word in t for word in ENGLISH)], texts
