# A CAS deployment script with the mistakes these checks exist for.
$rpcKey = 'HKLM:\SYSTEM\CurrentControlSet\Services\MSExchangeRPC\ParametersSystem'

# The RPC Client Access port as a string: the service ignores it.
Set-ItemProperty -Path $rpcKey -Name 'TCP/IP Port' -Value '59532' -Type String
# The Address Book under the RPC service's key.
New-ItemProperty -Path 'HKLM:\SYSTEM\CurrentControlSet\Services\MSExchangeAB\ParametersSystem' -Name 'RpcTcpPort' -PropertyType String -Value '59533' -Force

# "Open the RPC ports": the whole dynamic range.
New-NetFirewallRule -DisplayName 'Exchange RPC' -Direction Inbound -Protocol TCP -LocalPort '49152-65535' -Action Allow
New-NetFirewallRule -DisplayName 'POP3' -Direction Inbound -Protocol TCP -LocalPort 110 -Action Allow

Set-ReceiveConnector "$env:COMPUTERNAME\Client Frontend $env:COMPUTERNAME" -Bindings '0.0.0.0:25'
Send-MailMessage -SmtpServer smtp.office365.com -Port 465 -From 'cas01@contoso.com' -To 'admin@contoso.com' -Subject 'CAS01 configured'
