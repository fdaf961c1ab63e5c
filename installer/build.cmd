@echo off
rem Double-click or run from cmd: builds dist\BranchBook-<version>-setup.exe (see build.ps1).
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0build.ps1" %*
exit /b %ERRORLEVEL%
