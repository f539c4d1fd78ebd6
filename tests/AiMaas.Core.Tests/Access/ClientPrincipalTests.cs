using System.Text;
using System.Text.Json;
using AiMaas.Core.Access;

namespace AiMaas.Core.Tests.Access;

[TestClass]
public sealed class ClientPrincipalTests
{
    [TestMethod]
    public void Parse_AppRoles_BecomeScopes()
    {
        var caller = ClientPrincipal.Parse(Header(("roles", "AiMaas.Predict"), ("roles", "AiMaas.Manage"), ("name", "alice"), ("http://schemas.microsoft.com/identity/claims/objectidentifier", "oid-1")))!;

        Assert.AreEqual(CallerKind.Principal, caller.Kind);
        Assert.AreEqual("principal alice (oid-1)", caller.Actor);
        Assert.IsTrue(caller.Has("predict:any"));
        Assert.IsTrue(caller.Has("manage:any"));
        Assert.IsFalse(caller.Has("train:any"));
        Assert.IsFalse(caller.Has("admin"));
    }

    [TestMethod]
    public void Parse_TrainRole_GrantsDatasets_AdminRoleGrantsAll()
    {
        Assert.IsTrue(ClientPrincipal.Parse(Header(("roles", "AiMaas.Train")))!.Has("datasets:write"));
        Assert.IsTrue(ClientPrincipal.Parse(Header(("roles", "AiMaas.Admin")))!.Has("admin"));
    }

    [TestMethod]
    public void Parse_UnknownRoles_GrantNothing() =>
        Assert.IsEmpty(ClientPrincipal.Parse(Header(("roles", "Admin"), ("roles", "aimaas.admin"), ("scp", "AiMaas.Admin")))!.Scopes);

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("!!!")]
    [DataRow("bnVsbA==")]
    [DataRow("eyJjbGFpbXMiOjF9")]
    public void Parse_GarbageHeader_IsNull(string? header) => Assert.IsNull(ClientPrincipal.Parse(header));

    private static string Header(params (string Type, string Value)[] claims) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { auth_typ = "aad", claims = claims.Select(c => new { typ = c.Type, val = c.Value }) })));
}
