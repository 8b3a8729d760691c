# SilverSteps on Windows, one entry point for people and CI (the same commands as run.sh).
# Installs what is missing, then runs:
#   .\run.ps1 kiosk [options]    the kiosk (SQLite in %LOCALAPPDATA%\SilverSteps, bundled lessons)
#   .\run.ps1 test [pytest args] the whole test suite
#   .\run.ps1 lint | bundle | bench
# Needs Python 3.11+ (python.org, or `py` launcher). If Windows says running scripts is disabled:
#   Set-ExecutionPolicy -Scope Process Bypass
# What Windows itself must have (a Chinese voice, Chinese fonts) is checked and said, never required.
# Keep this file ASCII: Windows PowerShell 5.1 reads a script without a BOM in the ANSI code page.

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 2.0
Set-Location -LiteralPath $PSScriptRoot
$Root = $PSScriptRoot
$Venv = Join-Path $Root '.venv'
$VenvPython = Join-Path $Venv 'Scripts\python.exe'
$Extras = '.[test,build,keyboard]'

$Command = 'kiosk'
$Rest = @()
if ($args.Count -gt 0) {
    $Command = [string]$args[0]
    $Rest = @($args | Select-Object -Skip 1)
}

function Say([string]$Message) {
    [Console]::Error.WriteLine("run.ps1: $Message")
}

function Invoke-Native([string[]]$Line) {
    # Runs a program with its arguments (one array); stops with its exit code if it fails.
    $program = $Line[0]
    $arguments = @($Line | Select-Object -Skip 1)
    & $program @arguments
    if ($LASTEXITCODE -ne 0) {
        Say "failed ($LASTEXITCODE): $program $($arguments -join ' ')"
        exit $LASTEXITCODE
    }
}

function Test-Python([string[]]$Line) {
    # True when the command (a program and its first arguments) runs Python 3.11 or newer.
    $program = $Line[0]
    $arguments = @($Line | Select-Object -Skip 1)
    if (-not (Get-Command $program -ErrorAction SilentlyContinue)) { return $false }
    $saved = $ErrorActionPreference
    $ErrorActionPreference = 'Continue'  # Windows PowerShell 5.1 turns a native program's stderr into errors
    try {
        & $program @arguments -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>$null | Out-Null
        return ($LASTEXITCODE -eq 0)
    } catch {
        return $false
    } finally {
        $ErrorActionPreference = $saved
    }
}

function Find-Python {
    # $env:PYTHON first (as run.sh), then the py launcher's 3.11, its newest 3, and python on PATH.
    $candidates = @()
    if ($env:PYTHON) { $candidates += , @($env:PYTHON) }
    $candidates += , @('py', '-3.11')
    $candidates += , @('py', '-3')
    $candidates += , @('python')
    foreach ($candidate in $candidates) {
        if (Test-Python $candidate) { return , $candidate }
    }
    Say 'Python 3.11 or newer was not found: install it from python.org (tick "Add python.exe to PATH"), then run this again'
    exit 1
}

function Test-WindowsHas {
    # What the kiosk uses from Windows itself. Missing parts are said, not required: the kiosk
    # shows captions without a voice or a sound device, and the tests need neither.
    $tokens = 'HKLM:\SOFTWARE\Microsoft\Speech\Voices\Tokens'  # the SAPI5 voices pyttsx3 can use
    $chinese = @()
    if (Test-Path $tokens) {
        $chinese = @(Get-ChildItem $tokens | Where-Object {
                $attributes = Get-ItemProperty -LiteralPath (Join-Path $_.PSPath 'Attributes') -ErrorAction SilentlyContinue
                $attributes -and $attributes.PSObject.Properties['Language'] -and
                ((([string]$attributes.Language) -split ';') -contains '804')
            })
    }
    if ($chinese.Count -eq 0) {
        Say 'no Chinese voice for Windows speech (SAPI5): add Chinese (Simplified) with its speech in Settings > Time & language > Language (or Speech), which brings Microsoft Huihui; until then the kiosk shows captions without speaking Chinese'
    }
    $fonts = Join-Path $env:WINDIR 'Fonts'
    if (-not ((Test-Path (Join-Path $fonts 'msyh.ttc')) -or (Test-Path (Join-Path $fonts 'simsun.ttc')))) {
        Say 'no Chinese font (Microsoft YaHei or SimSun) in Windows: add Chinese (Simplified) Supplemental Fonts in Settings > Optional features (under Apps or System), or Chinese shows as boxes'
    }
    $sound = @(Get-CimInstance -ClassName Win32_SoundDevice -ErrorAction SilentlyContinue)
    if ($sound.Count -eq 0) {
        Say 'no sound device found: the kiosk will show captions instead of speaking'
    }
}

function Install-PythonPackages {
    if (-not (Test-Path -LiteralPath $VenvPython)) {
        $python = Find-Python
        Say 'creating the virtual environment in .venv'
        Invoke-Native (@($python) + @('-m', 'venv', $Venv))
    }
    $stamp = Join-Path $Venv '.silversteps-installed'
    $wanted = (Get-FileHash -Algorithm SHA256 -LiteralPath (Join-Path $Root 'pyproject.toml')).Hash.ToLowerInvariant()
    $installed = ''
    if (Test-Path -LiteralPath $stamp) { $installed = ([string](Get-Content -LiteralPath $stamp -Raw)).Trim() }
    if ($installed -ne $wanted) {
        Say 'installing Python packages from pyproject.toml'
        Invoke-Native @($VenvPython, '-m', 'pip', 'install', '-q', '--upgrade', 'pip')
        Invoke-Native @($VenvPython, '-m', 'pip', 'install', '-q', '-e', $Extras)
        Set-Content -LiteralPath $stamp -Value $wanted -Encoding ascii
    }
}

function Initialize-Setup {
    Test-WindowsHas
    Install-PythonPackages
    $env:PYTHONUTF8 = '1'  # as on Linux: Chinese text in files and pipes is UTF-8, not the ANSI code page
}

switch ($Command) {
    'kiosk' {
        Initialize-Setup
        & (Join-Path $Venv 'Scripts\silversteps.exe') kiosk @Rest
        exit $LASTEXITCODE
    }
    'test' {
        Initialize-Setup
        $env:QT_QPA_PLATFORM = 'offscreen'
        # One worker per core (SILVERSTEPS_TEST_WORKERS=0 for none), each taking whole test
        # files, so a file's shared server or database stays in one process.
        $workers = 'auto'
        if ($env:SILVERSTEPS_TEST_WORKERS) { $workers = $env:SILVERSTEPS_TEST_WORKERS }
        & $VenvPython -m pytest -n $workers --dist loadscope @Rest
        exit $LASTEXITCODE
    }
    'lint' {
        Initialize-Setup
        $ruff = Join-Path $Venv 'Scripts\ruff.exe'
        Invoke-Native @($ruff, 'check', '.')
        Invoke-Native @($ruff, 'format', '--check', '.')
        & (Join-Path $Venv 'Scripts\lint-imports.exe')
        exit $LASTEXITCODE
    }
    'bundle' {
        Initialize-Setup
        $env:PYTHON = $VenvPython  # PyInstaller runs in the virtual environment
        & (Join-Path $Root 'scripts\build_bundle.ps1') @Rest
        exit $LASTEXITCODE
    }
    'bench' {
        Initialize-Setup
        $env:QT_QPA_PLATFORM = 'offscreen'
        foreach ($bench in Get-ChildItem -Path (Join-Path $Root 'bench') -Filter 'bench_*.py' | Sort-Object Name) {
            Say "bench\$($bench.Name)"
            Invoke-Native @($VenvPython, $bench.FullName)
        }
    }
    default {
        Say "unknown command '$Command' (use: kiosk, test, lint, bundle, bench)"
        exit 2
    }
}
