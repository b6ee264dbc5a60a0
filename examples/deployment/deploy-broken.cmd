@echo off
REM A CAS deployment batch file with the mistakes these checks exist for.
set RPCPORT=6001

reg add "HKLM\SYSTEM\CurrentControlSet\Services\MSExchangeRPC\ParametersSystem" /v "TCP/IP Port" /t REG_DWORD /d %RPCPORT% /f
reg add HKLM\SYSTEM\CurrentControlSet\Services\MSExchangeAB\Parameters ^
    /v RpcTcpPort /t REG_DWORD /d 59533 /f

netsh advfirewall firewall add rule name="Exchange RPC" dir=in action=allow protocol=TCP localport=6005-59530
netsh advfirewall firewall add rule name="IMAP4" dir=in action=allow protocol=TCP localport=143 remoteip=any

net stop MSExchangeAB && net start MSExchangeAB
