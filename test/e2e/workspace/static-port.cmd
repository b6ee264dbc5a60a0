@echo off
rem Static RPC port for RPC Client Access (Exchange 2010 Client Access servers)
reg add "HKLM\SYSTEM\CurrentControlSet\Services\MSExchangeRPC\ParametersSystem" /v "TCP/IP Port" /t REG_DWORD /d 1234 /f
net stop MSExchangeRPC && net start MSExchangeRPC
