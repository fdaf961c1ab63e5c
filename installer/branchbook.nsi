; NSIS script for the 支部台账 installer: Chinese UI, per-user install (no administrator rights),
; Start-menu and desktop shortcuts, an uninstaller that keeps the clerk's data unless asked to remove it,
; and upgrades over an older version that leave the data alone.
;
; The program goes to %LOCALAPPDATA%\Programs\BranchBook; the clerk's data (branchbook.db, its automatic
; backups in branchbook-backups\, the demo database) lives apart from it in %LOCALAPPDATA%\BranchBook,
; where the app puts it (platformdirs). An upgrade replaces only the program folder's files.
;
;   makensis /DVERSION=0.1.0 /DBUNDLE_DIR=..\dist\branchbook installer\branchbook.nsi
;
; Defines: VERSION (required), BUNDLE_DIR (the PyInstaller onedir folder, default ..\dist\branchbook),
; OUT_FILE (default ..\dist\BranchBook-VERSION-setup.exe), COMPRESSOR (default "/SOLID lzma"; CI on
; Linux passes none, to check the script in seconds rather than minutes). Relative paths are from this script's folder.

Unicode true
ManifestDPIAware true

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "WinVer.nsh"

!ifndef VERSION
  !error "VERSION is not defined: makensis /DVERSION=x.y.z …"
!endif
!ifndef BUNDLE_DIR
  !define BUNDLE_DIR "..\dist\branchbook"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "..\dist\BranchBook-${VERSION}-setup.exe"
!endif
!ifndef COMPRESSOR
  !define COMPRESSOR "/SOLID lzma"
!endif
!ifndef VI_VERSION
  !define VI_VERSION "${VERSION}.0"
!endif

!define APP_NAME "支部台账"
!define APP_ID "BranchBook"
!define EXE "branchbook.exe"
!define CLI_EXE "branchbook-cli.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define DATA_DIR "$LOCALAPPDATA\${APP_ID}"

; The bundle must really be there (a wrong BUNDLE_DIR would otherwise give an installer without the app).
!if /FileExists "${BUNDLE_DIR}\_internal\*.*"
!else
  !error "BUNDLE_DIR ${BUNDLE_DIR} has no _internal folder: build the PyInstaller bundle first"
!endif

Name "${APP_NAME} ${VERSION}"
Caption "${APP_NAME} ${VERSION} 安装"
OutFile "${OUT_FILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP_ID}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
!if "${COMPRESSOR}" == "none"
  SetCompress off
!else
  SetCompressor ${COMPRESSOR}
!endif
BrandingText "${APP_NAME} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VI_VERSION}"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=2052 "CompanyName" "${APP_ID}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${APP_ID}"

Var PreviousVersion
Var WelcomeText

!define MUI_ICON "..\resources\icons\branchbook.ico"
!define MUI_UNICON "..\resources\icons\branchbook.ico"
!define MUI_ABORTWARNING
!define MUI_ABORTWARNING_TEXT "确定要退出支部台账的安装吗？"
!define MUI_WELCOMEPAGE_TITLE "欢迎安装 ${APP_NAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "$WelcomeText"
!define MUI_DIRECTORYPAGE_TEXT_TOP "支部台账将安装到下面的文件夹（只为当前 Windows 用户安装，不需要管理员权限）。台账数据不放在这里，而是保存在 ${DATA_DIR}，升级或重新安装都不会改动它。"
!define MUI_FINISHPAGE_TITLE "支部台账已安装"
!define MUI_FINISHPAGE_TEXT "桌面和开始菜单中已添加“支部台账”。第一次打开时，程序会引导您填写党组织、党支部和备份位置。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开支部台账"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "将从电脑中卸载支部台账程序。您的台账数据默认保留，下一步可以选择是否一并删除。"
!define MUI_COMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ; Python 3.11 and Qt 6 need Windows 10 or newer (the program checks again when it starts).
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "支部台账需要 Windows 10 或 Windows 11。$\r$\n这台电脑的 Windows 版本太旧，无法安装。"
    Abort
  ${EndIf}
  ReadRegStr $PreviousVersion HKCU "${UNINST_KEY}" "DisplayVersion"
  ${If} $PreviousVersion == ""
    StrCpy $WelcomeText "本向导将在这台电脑上安装支部台账 ${VERSION}，用于记录党员、党费、三会一课、发展党员和志愿服务。$\r$\n$\r$\n安装只需几步，不需要管理员权限，也不需要联网。$\r$\n$\r$\n点击“下一步”继续。"
  ${Else}
    StrCpy $WelcomeText "这台电脑上已有支部台账 $PreviousVersion，本向导将把它升级到 ${VERSION}。$\r$\n$\r$\n升级只替换程序文件，党员、党费等台账数据和备份都不会改动；程序第一次打开新版本时会先自动备份数据库。$\r$\n$\r$\n请先关闭正在运行的支部台账，然后点击“下一步”。"
  ${EndIf}
FunctionEnd

; A running program keeps its .exe open: opening it for writing fails until the clerk closes it.
!macro WaitUntilClosed FILE
  ${If} ${FileExists} "${FILE}"
    ${Do}
      ClearErrors
      FileOpen $0 "${FILE}" a
      ${IfNot} ${Errors}
        FileClose $0
        ${Break}
      ${EndIf}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "支部台账正在运行。请先关闭它，再点击“重试”。" /SD IDCANCEL IDRETRY +2
      Quit
    ${Loop}
  ${EndIf}
!macroend

Section "程序" SecProgram
  SectionIn RO
  !insertmacro WaitUntilClosed "$INSTDIR\${EXE}"
  !insertmacro WaitUntilClosed "$INSTDIR\${CLI_EXE}"
  SetOutPath "$INSTDIR"
  ; Upgrade: the previous version's libraries go first, so no stale file of it is left beside the new ones.
  ; Only the program folder is touched; the data folder ${DATA_DIR} is not.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APP_NAME}"
  CreateShortCut "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
  CreateShortCut "$SMPROGRAMS\${APP_NAME}\${APP_NAME} 命令行.lnk" "$SYSDIR\cmd.exe" \
    '/k cd /d "$INSTDIR" && ${CLI_EXE} --help' "$INSTDIR\${EXE}" 0
  CreateShortCut "$SMPROGRAMS\${APP_NAME}\卸载${APP_NAME}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortCut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0

  ; 应用和功能 / 程序和功能 entry for this user
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${APP_ID}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

; ---- uninstaller -------------------------------------------------------------------------------------

Section "un.卸载程序（必选）" UnSecProgram
  SectionIn RO
  !insertmacro WaitUntilClosed "$INSTDIR\${EXE}"
  ; Only what the installer put there, by name: never RMDir /r "$INSTDIR" (a clerk may have chosen a
  ; folder that also holds other files).
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk"
  Delete "$SMPROGRAMS\${APP_NAME}\${APP_NAME} 命令行.lnk"
  Delete "$SMPROGRAMS\${APP_NAME}\卸载${APP_NAME}.lnk"
  RMDir "$SMPROGRAMS\${APP_NAME}"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd

; Off unless the clerk ticks it (/o): the data outlives the program by default.
Section /o "un.同时删除台账数据（数据库、自动备份和程序设置，无法恢复）" UnSecData
  MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 \
    "将删除 ${DATA_DIR} 中的全部台账数据和自动备份，以及支部台账的设置。删除后无法恢复。$\r$\n$\r$\n另存到其他位置（如U盘）的备份不受影响。确定删除吗？" \
    /SD IDNO IDYES +2
  Return
  RMDir /r "${DATA_DIR}"
  DeleteRegKey HKCU "Software\${APP_ID}"
SectionEnd
