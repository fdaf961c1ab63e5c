# installer\build.ps1 - build the BranchBook (zhibu taizhang) Windows installer on a Windows 10/11 PC.
#
# Needs: 64-bit Python 3.11 (python.org installer; the "py" launcher) and NSIS 3 (nsis.sourceforge.io;
# makensis on PATH or in its default folder). Run from any folder:
#
#   powershell -ExecutionPolicy Bypass -File installer\build.ps1            (or: installer\build.cmd)
#
# Steps: a build venv in .venv-win, the project and PyInstaller installed into it (pyproject extra
# "bundle"), the onedir bundle dist\branchbook\ (branchbook.exe windowed, branchbook-cli.exe console),
# a smoke test of the bundle (--version, demo + check, screenshot), then makensis writes
# dist\BranchBook-<version>-setup.exe. Any failing step stops the script with a non-zero exit code.
#
# This file is kept to ASCII on purpose: Windows PowerShell 5.1 reads a script without a BOM in the
# ANSI code page, which would garble Chinese text here.
param(
    [string]$Python = "py",
    [string[]]$PythonArgs = @("-3.11"),
    [switch]$SkipSmokeTest
)
$ErrorActionPreference = "Stop"
$Root = Split-Path $PSScriptRoot -Parent
Set-Location $Root

function Invoke-Step([string]$What, [scriptblock]$Block) {
    Write-Host "== $What"
    $started = Get-Date
    & $Block
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)" }
    Write-Host ("   {0:N0} s" -f ((Get-Date) - $started).TotalSeconds)
}

$Venv = Join-Path $Root ".venv-win"
$Py = Join-Path $Venv "Scripts\python.exe"
if (-not (Test-Path $Py)) {
    Invoke-Step "create the build venv .venv-win" { & $Python @PythonArgs -m venv $Venv }
}
Invoke-Step "install the project and PyInstaller" {
    & $Py -m pip install --disable-pip-version-check -q -e ".[bundle]"
}
$Version = (& $Py -c "import app; print(app.__version__)").Trim()

Invoke-Step "PyInstaller: dist\branchbook ($Version)" {
    & $Py -m PyInstaller --noconfirm --distpath dist --workpath build\pyinstaller installer\branchbook.spec
}
$Bundle = Join-Path $Root "dist\branchbook"
$Cli = Join-Path $Bundle "branchbook-cli.exe"
if (-not (Test-Path (Join-Path $Bundle "branchbook.exe"))) { throw "dist\branchbook\branchbook.exe is missing" }

if (-not $SkipSmokeTest) {
    $Smoke = Join-Path $Root "build\smoke"
    if (Test-Path $Smoke) { Remove-Item -Recurse -Force $Smoke }
    New-Item -ItemType Directory $Smoke | Out-Null
    $Db = Join-Path $Smoke "demo.db"
    Invoke-Step "bundle: --version" { & $Cli --version }
    Invoke-Step "bundle: demo database" { & $Cli --db $Db demo --members 80 --years 2 }
    Invoke-Step "bundle: check" { & $Cli --db $Db check }
    $env:QT_QPA_PLATFORM = "offscreen"
    Invoke-Step "bundle: screenshot" { & $Cli --db $Db screenshot --out (Join-Path $Smoke "shots") }
    Remove-Item Env:\QT_QPA_PLATFORM
}

$Makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $Makensis) {
    foreach ($dir in @(${env:ProgramFiles(x86)}, $env:ProgramFiles)) {
        if ($dir -and (Test-Path (Join-Path $dir "NSIS\makensis.exe"))) { $Makensis = Join-Path $dir "NSIS\makensis.exe" }
    }
}
if (-not $Makensis) { throw "makensis.exe not found: install NSIS 3 or put makensis on PATH" }
$Setup = Join-Path $Root "dist\BranchBook-$Version-setup.exe"
Invoke-Step "makensis: $Setup" {
    & $Makensis /INPUTCHARSET UTF8 "/DVERSION=$Version" "/DBUNDLE_DIR=$Bundle" "/DOUT_FILE=$Setup" installer\branchbook.nsi
}
$Size = (Get-Item $Setup).Length / 1MB
Write-Host ("Done: {0} ({1:N1} MB)" -f $Setup, $Size)
