// Optional App Service authentication (Easy Auth) with Microsoft Entra ID. It validates tokens and passes the caller's
// app roles to the app in x-ms-client-principal; requests without a token go through too, because callers with the
// platform's own API keys have none: the app itself answers 401 to a request with no valid credential.

@description('Name of the existing function app.')
param functionAppName string

@description('Application (client) id of the Entra ID app registration that represents the API.')
@minLength(1)
param entraClientId string

resource app 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource auth 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: entraClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            entraClientId
            'api://${entraClientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}
