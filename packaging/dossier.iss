; Inno Setup 6 script: installs the PyInstaller folder build\dist\Dossier and registers .dossier.
;   ISCC /DAppVersion=0.1.0 packaging\dossier.iss      (packaging\build-windows.ps1 does this)
; The user chooses per-user (no admin rights; %LOCALAPPDATA%\Programs\Dossier, HKCU) or for all
; users (admin; Program Files, HKLM): {autopf}, {autoprograms} and HKA follow that choice.
; Saved as UTF-8 with BOM so that Czech text survives.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Dossier"
#define AppExe "Dossier.exe"
#define DistDir "..\build\dist\Dossier"

[Setup]
; Never change the AppId: upgrades and the uninstaller find the installation by it.
AppId={{1D71A5B9-5EB9-4D5D-8E29-F46BF2435037}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Dossier
AppComments=Žádost do Programu prevence kriminality na místní úrovni
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
CloseApplications=yes
SetupIconFile=..\resources\icons\dossier.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
OutputDir=..\build\installer
OutputBaseFilename=Dossier-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "czech"; MessagesFile: "compiler:Languages\Czech.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder bundle: Dossier.exe, dossier-cli.exe and _internal\ (Python, Qt, resources).
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade must not leave last version's libraries beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Žádost do Programu prevence kriminality"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .dossier -> ProgID Dossier.Document, opened with "Dossier.exe" "%1", shown with the app icon.
Root: HKA; Subkey: "Software\Classes\.dossier"; ValueType: string; ValueName: ""; ValueData: "Dossier.Document"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.dossier\OpenWithProgids"; ValueType: string; ValueName: "Dossier.Document"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Dossier.Document"; ValueType: string; ValueName: ""; ValueData: "Žádost Dossier"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Dossier.Document\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\Dossier.Document\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".dossier"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
