# Build the one-folder PyInstaller bundle into dist\silversteps (work files in build\pyinstaller):
# silversteps.exe (the command line, a console program) and silversteps-kiosk.exe (the kiosk,
# windowed). The Windows twin of build_bundle.sh; run.ps1 bundle calls it. Keep this file ASCII.
param([string]$Dist = 'dist')

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 2.0
Set-Location -LiteralPath (Split-Path -Parent $PSScriptRoot)
$python = $env:PYTHON
if (-not $python) { $python = '.venv\Scripts\python.exe' }
& $python -m PyInstaller --noconfirm --log-level WARN --distpath $Dist --workpath build\pyinstaller build.spec
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
Write-Output "built $Dist\silversteps\: silversteps.exe (the command line) and silversteps-kiosk.exe (the kiosk, windowed)"
