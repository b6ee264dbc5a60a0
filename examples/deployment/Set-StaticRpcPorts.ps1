<#
.SYNOPSIS
    Pins the Exchange 2010 RPC Client Access and Address Book services to static ports on a
    Client Access server, opens exactly those ports (and the endpoint mapper) in Windows Firewall,
    and restarts both services so that they listen on the new ports.

.EXAMPLE
    .\Set-StaticRpcPorts.ps1 -RpcPort 59532 -AddressBookPort 59533 -ClientNetwork 10.0.0.0/8
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [ValidateRange(59531, 60554)]
    [int]$RpcPort = 59532,

    [ValidateRange(59531, 60554)]
    [int]$AddressBookPort = 59533,

    [string[]]$ClientNetwork = @('10.0.0.0/8')
)

$ErrorActionPreference = 'Stop'

$rpcKey = 'HKLM:\SYSTEM\CurrentControlSet\Services\MSExchangeRPC\ParametersSystem'
$abKey = 'HKLM:\SYSTEM\CurrentControlSet\Services\MSExchangeAB\Parameters'

if (-not (Test-Path -Path $rpcKey)) {
    New-Item -Path 'HKLM:\SYSTEM\CurrentControlSet\Services\MSExchangeRPC' -Name 'ParametersSystem' | Out-Null
}

# RPC Client Access reads a REG_DWORD, the Address Book a REG_SZ.
Set-ItemProperty -Path $rpcKey -Name 'TCP/IP Port' -Value $RpcPort -Type DWord
Set-ItemProperty -Path $abKey -Name 'RpcTcpPort' -Value "$AddressBookPort" -Type String

$firewall = @{
    DisplayName   = 'Exchange RPC (static ports)'
    Direction     = 'Inbound'
    Protocol      = 'TCP'
    LocalPort     = 135, 59532, 59533
    RemoteAddress = $ClientNetwork
    Action        = 'Allow'
    Profile       = 'Domain'
}
New-NetFirewallRule @firewall | Out-Null

Restart-Service -Name MSExchangeRPC, MSExchangeAB -Force
Get-Service MSExchangeRPC, MSExchangeAB | Format-Table Name, Status -AutoSize
