<#
.SYNOPSIS
  Build Dossier for Windows: venv, install, tests, PyInstaller bundle, smoke test, Inno Setup installer.

.DESCRIPTION
  Run from any folder in PowerShell (Windows PowerShell 5.1 or PowerShell 7):
    powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1
  Needs Python 3.11 (python.org installer, "py" launcher) and Inno Setup 6 (ISCC.exe);
  LibreOffice only for the export render tests (or pass -SkipTests).
  Output: build\dist\Dossier\ (the folder to copy) and build\installer\Dossier-<version>-setup.exe.
  This file is ASCII on purpose: Windows PowerShell 5.1 reads BOM-less scripts as ANSI.
#>
param(
    [string]$Python = "py -3.11",   # e.g. "python" when setup-python put it on PATH
    [switch]$SkipTests,
    [switch]$SkipInstaller
)
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..")
Set-Location $Root
$VenvPython = Join-Path $Root ".venv\Scripts\python.exe"

function Step([string]$Title) { Write-Host ""; Write-Host "==> $Title" -ForegroundColor Cyan }

# Native programs do not throw on failure; check every exit code.
function Run([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Find-Iscc {
    $cmd = Get-Command ISCC.exe -ErrorAction SilentlyContinue
    if ($cmd) { return $cmd.Source }
    foreach ($dir in @("${env:ProgramFiles(x86)}\Inno Setup 6", "$env:ProgramFiles\Inno Setup 6",
                       "$env:LOCALAPPDATA\Programs\Inno Setup 6")) {
        $candidate = Join-Path $dir "ISCC.exe"
        if (Test-Path $candidate) { return $candidate }
    }
    throw "Inno Setup 6 (ISCC.exe) not found. Install it (https://jrsoftware.org/isdl.php or 'choco install innosetup')."
}

Step "Virtual environment (.venv)"
if (-not (Test-Path $VenvPython)) {
    $parts = $Python -split " "
    Run $parts[0] (@($parts[1..($parts.Length)] | Where-Object { $_ }) + @("-m", "venv", ".venv"))
}
Run $VenvPython @("-m", "pip", "install", "--upgrade", "pip")
Run $VenvPython @("-m", "pip", "install", "-e", ".[test]")

if (-not $SkipTests) {
    Step "Tests (offscreen)"
    $env:QT_QPA_PLATFORM = "offscreen"
    Run $VenvPython @("-m", "pytest", "-q")
    Remove-Item Env:\QT_QPA_PLATFORM
}

Step "PyInstaller bundle (build\dist\Dossier)"
Run $VenvPython @("-m", "PyInstaller", "--noconfirm", "--distpath", "build\dist", "--workpath", "build\work",
                  "packaging\dossier.spec")

Step "Smoke test of the bundle"
$Bundle = Join-Path $Root "build\dist\Dossier"
Run (Join-Path $Bundle "dossier-cli.exe") @("check", "resources\examples\plzen-2021.dossier", "--json")
# The windowed Dossier.exe: PowerShell does not wait for GUI programs unless told to.
$env:QT_QPA_PLATFORM = "offscreen"
$Shot = Start-Process -FilePath (Join-Path $Bundle "Dossier.exe") -Wait -PassThru -NoNewWindow `
    -ArgumentList @("resources\examples\plzen-2021.dossier", "--screenshot", "build\bundle-screenshot.png")
Remove-Item Env:\QT_QPA_PLATFORM
if ($Shot.ExitCode -ne 0 -or -not (Test-Path "build\bundle-screenshot.png")) { throw "Dossier.exe --screenshot failed ($($Shot.ExitCode))" }

if (-not $SkipInstaller) {
    Step "Inno Setup installer (build\installer)"
    $Version = (& $VenvPython -c "from dossier.about import app_version; print(app_version())").Trim()
    if ($LASTEXITCODE -ne 0) { throw "cannot read the app version" }
    Run (Find-Iscc) @("/DAppVersion=$Version", "packaging\dossier.iss")
    Get-ChildItem (Join-Path $Root "build\installer") | ForEach-Object { Write-Host $_.FullName }
}
Write-Host ""
Write-Host "Done." -ForegroundColor Green
