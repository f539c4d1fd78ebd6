// AiMaas infrastructure: resource group, identity-only storage, monitoring, and a Flex
// Consumption function app. Deploy with `azd up` or `az deployment sub create` (see DEPLOY.md).
targetScope = 'subscription'

@description('Name of the environment (azd environment name); used for the resource group name and the resource token.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region for all resources. It must support the Flex Consumption plan (az functionapp list-flexconsumption-locations).')
@minLength(1)
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user or service principal, granted blob and queue data access for the CLI examples. Leave empty to skip.')
param principalId string = ''

@description('Type of the principalId principal.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Maximum number of instances the function app scales out to (Flex Consumption: 1-1000).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each function app instance in MB. Training larger datasets needs more memory.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Always-ready instances for the HTTP functions (prediction API); 0 means scale to zero and accept cold starts.')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int = 0

@description('Enable App Service authentication with Microsoft Entra ID: tokens are validated and their app roles (AiMaas.Predict, .Train, .Manage, .Admin) grant scopes. Needs entraClientId.')
param enableEntraAuth bool = false

@description('Application (client) id of the Entra ID app registration representing the API; required when enableEntraAuth is true.')
param entraClientId string = ''

@description('Create a virtual network, integrate the function app with it, and reach storage only through private endpoints.')
param enablePrivateNetworking bool = false

@description('Days each audit blob stays immutable (time-based retention on the audit container).')
@minValue(1)
@maxValue(146000)
param auditRetentionDays int = 365

// The app roles the API's Entra ID app registration must declare (see docs/deployment.md: az ad app update --app-roles).
// Bicep cannot create Entra ID objects without the Microsoft Graph extension, which needs a registry restore.
var entraAppRoles = [
  for role in [
    { value: 'AiMaas.Predict', description: 'Predict with every model (predict:*)' }
    { value: 'AiMaas.Train', description: 'Train every model and read and write datasets (train:*, datasets:read, datasets:write)' }
    { value: 'AiMaas.Manage', description: 'Manage every model: aliases, versions, uploads, deletion (manage:*)' }
    { value: 'AiMaas.Admin', description: 'Everything, including API keys and the audit trail (admin)' }
  ]: {
    id: guid('aimaas-app-role', role.value)
    value: role.value
    displayName: role.value
    description: role.description
    allowedMemberTypes: [
      'User'
      'Application'
    ]
    isEnabled: true
  }
]

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = 'func-${resourceToken}'
var deploymentContainerName = 'app-package-${resourceToken}'
var trainingQueueName = 'training-requests'
var scoringQueueName = 'scoring-requests'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    containerNames: [
      'datasets'
      'models'
      'jobs'
      // API keys (hashes only); the audit container is created apart, immutable.
      'keys'
      // Prediction log (append blobs) and batch scoring outputs.
      'predictions'
      'results'
      deploymentContainerName
    ]
    auditContainerName: 'audit'
    auditRetentionDays: auditRetentionDays
    queueNames: [
      trainingQueueName
      // Created up front so the Functions runtime has it before the first message is poisoned.
      'training-requests-poison'
      scoringQueueName
      'scoring-requests-poison'
    ]
    enablePrivateNetworking: enablePrivateNetworking
  }
}

module appRoles 'modules/app-roles.bicep' = {
  name: 'app-roles'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    principalId: identity.outputs.principalId
  }
}

module userRoles 'modules/user-roles.bicep' = if (!empty(principalId)) {
  name: 'user-roles'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    principalId: principalId
    principalType: principalType
  }
}

module network 'modules/network.bicep' = if (enablePrivateNetworking) {
  name: 'network'
  scope: rg
  params: {
    name: 'vnet-${resourceToken}'
    location: location
    tags: tags
  }
}

module storagePrivateEndpoints 'modules/storage-private-endpoint.bicep' = [
  for groupId in (enablePrivateNetworking ? ['blob', 'queue'] : []): {
    name: 'storage-pe-${groupId}'
    scope: rg
    params: {
      storageAccountName: storage.outputs.name
      groupId: groupId
      vnetId: network.?outputs.id ?? ''
      subnetId: network.?outputs.privateEndpointSubnetId ?? ''
      location: location
      tags: tags
    }
  }
]

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityName: identity.outputs.name
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    trainingQueueName: trainingQueueName
    scoringQueueName: scoringQueueName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    virtualNetworkSubnetId: network.?outputs.appSubnetId ?? ''
    trustClientPrincipal: enableEntraAuth
  }
  // The host starts as soon as the app exists: give it its roles and (when enabled) its
  // private path to storage first, rather than letting it fail and retry.
  dependsOn: [
    appRoles
    storagePrivateEndpoints
  ]
}

module diagnostics 'modules/diagnostics.bicep' = {
  name: 'diagnostics'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    functionAppName: functionApp.outputs.name
    logAnalyticsName: monitoring.outputs.logAnalyticsName
  }
}

module functionAppAuth 'modules/function-app-auth.bicep' = if (enableEntraAuth) {
  name: 'function-app-auth'
  scope: rg
  params: {
    functionAppName: functionApp.outputs.name
    entraClientId: empty(entraClientId)
      ? fail('entraClientId is required when enableEntraAuth is true.')
      : entraClientId
  }
}

output AZURE_LOCATION string = location
output AIMAAS_ENTRA_APP_ROLES string = string(entraAppRoles)
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_HOSTNAME string = functionApp.outputs.defaultHostName
output SERVICE_API_URI string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AIMAAS_TRAINING_QUEUE string = trainingQueueName
output AIMAAS_SCORING_QUEUE string = scoringQueueName
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
