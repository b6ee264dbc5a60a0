# Static RPC port for RPC Client Access (Exchange 2010 Client Access servers)
$key = 'HKLM:\SYSTEM\CurrentControlSet\Services\MSExchangeRPC\ParametersSystem'
New-Item -Path $key -Force | Out-Null
New-ItemProperty -Path $key -Name 'TCP/IP Port' -PropertyType DWord -Value 1234 -Force
Restart-Service MSExchangeRPC
