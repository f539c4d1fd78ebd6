// Private endpoint for one storage sub-resource (blob or queue) with its private DNS zone,
// linked to the virtual network so the function app resolves the account to a private address.

@description('Name of the storage account.')
param storageAccountName string

@description('Storage sub-resource to expose privately.')
@allowed([
  'blob'
  'queue'
])
param groupId string

@description('Resource id of the virtual network to link the private DNS zone to.')
param vnetId string

@description('Resource id of the subnet that hosts the private endpoint.')
param subnetId string

@description('Azure region of the private endpoint.')
param location string

@description('Tags applied to the networking resources.')
param tags object

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource dnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.${groupId}.${environment().suffixes.storage}'
  location: 'global'
  tags: tags
}

resource dnsZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: dnsZone
  name: '${last(split(vnetId, '/'))}-link'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnetId
    }
  }
}

resource privateEndpoint 'Microsoft.Network/privateEndpoints@2025-05-01' = {
  name: 'pe-${storage.name}-${groupId}'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: subnetId
    }
    privateLinkServiceConnections: [
      {
        name: '${storage.name}-${groupId}'
        properties: {
          privateLinkServiceId: storage.id
          groupIds: [
            groupId
          ]
        }
      }
    ]
  }
}

resource dnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-05-01' = {
  parent: privateEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: groupId
        properties: {
          privateDnsZoneId: dnsZone.id
        }
      }
    ]
  }
}
