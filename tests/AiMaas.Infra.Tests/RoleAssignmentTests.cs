using AiMaas.Infra.Tests.Arm;

namespace AiMaas.Infra.Tests;

[TestClass]
public sealed class RoleAssignmentTests
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private static IEnumerable<ArmResource> Assignments => CompiledTemplate.OfType(ResourceTypes.RoleAssignment);

    [TestMethod]
    [DataRow(StorageBlobDataOwner, ResourceTypes.StorageAccount)]
    [DataRow(StorageQueueDataContributor, ResourceTypes.StorageAccount)]
    [DataRow(MonitoringMetricsPublisher, ResourceTypes.ApplicationInsights)]
    public void AppIdentity_Role_IsAssignedOnResource(string roleId, string scopeType)
    {
        var assignment = Assignments.Single(a => IsRole(a, roleId) && IsAppIdentity(a));

        Assert.AreEqual("ServicePrincipal", assignment.At("properties.principalType").GetString());
        Assert.Contains(scopeType, assignment.At("scope").GetString()!);
    }

    [TestMethod]
    [DataRow(StorageBlobDataContributor)]
    [DataRow(StorageQueueDataContributor)]
    public void DeployingUser_Role_IsAssignedOnlyWhenPrincipalIdIsSet(string roleId)
    {
        var assignment = Assignments.Single(a => IsRole(a, roleId) && a.Follow("properties.principalId").IsRootParameter("principalId"));
        var module = CompiledTemplate.Root.Deployment(assignment.Template.Name);

        Assert.AreEqual("[not(empty(parameters('principalId')))]", module.Json.GetProperty("condition").GetString());
    }

    [TestMethod]
    public void AppIdentity_TableRole_IsNotAssigned() =>
        Assert.IsFalse(Assignments.Any(a => IsRole(a, StorageTableDataContributor)), "The app does not use Table storage.");

    [TestMethod]
    public void Name_EveryAssignment_IsGuidOfScopePrincipalAndRole()
    {
        foreach (var assignment in Assignments)
        {
            var name = assignment.Name;
            var roleVariables = ArmExpression.VariableNames(assignment.At("properties.roleDefinitionId").GetString()!).ToList();

            Assert.StartsWith("[guid(", name);
            Assert.Contains("parameters('principalId')", name);
            Assert.HasCount(1, roleVariables);
            Assert.Contains($"variables('{roleVariables[0]}')", name, $"Role assignment '{name}' must include its role in its name.");
        }
    }

    private static bool IsRole(ArmResource assignment, string roleId)
    {
        var role = assignment.Follow("properties.roleDefinitionId");
        return role.Template.InlineVariables(role.Text).Contains($"'{roleId}'", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsAppIdentity(ArmResource assignment)
    {
        // The identity module's principalId output, passed into the role module.
        var principal = assignment.Follow("properties.principalId").Text;
        return principal.Contains("'Microsoft.Resources/deployments', 'identity')", StringComparison.Ordinal)
            && principal.EndsWith(".outputs.principalId.value]", StringComparison.Ordinal);
    }
}
