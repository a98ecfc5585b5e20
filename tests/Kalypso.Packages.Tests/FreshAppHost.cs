namespace Kalypso.Packages.Tests;

/// <summary>The files of an AppHost a user would write after 'dotnet add package Kalypso.Aspire.Hosting'.</summary>
internal static class FreshAppHost
{
    public const string ReadyMarker = "FRESH-APPHOST READY";

    public static void WriteTo(string folder, string feed, string version, string nodeServerFolder)
    {
        Directory.CreateDirectory(folder);
        // No <clear/>: the user's own NuGet configuration still supplies the normal package source.
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="kalypso-local-feed" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(folder, "FreshAppHost.csproj"), $"""
            <Project Sdk="Aspire.AppHost.Sdk/13.6.4">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <UserSecretsId>kalypso-fresh-apphost-test</UserSecretsId>
                <NoWarn>$(NoWarn);ASPIRE010</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Aspire.Hosting.AppHost" Version="13.6.5" />
                <PackageReference Include="Polly.Core" Version="8.8.0" />
                <PackageReference Include="Nerdbank.MessagePack" Version="1.3.88" />
                <PackageReference Include="Kalypso.Aspire.Hosting" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), $$"""
            using Aspire.Hosting.ApplicationModel;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = DistributedApplication.CreateBuilder(args);
            var kalypso = builder.AddKalypso("kalypso").WithDataDirectory(builder.Configuration["Store"]!);
            var node = builder.AddExecutable("node", "node", @"{{nodeServerFolder}}", "server.js")
                .WithKalypsoHttps(kalypso)
                .WithHttpHealthCheck("/health", endpointName: "https");

            var app = builder.Build();
            await app.StartAsync();
            var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
            await notifications.WaitForResourceHealthyAsync("kalypso");
            await notifications.WaitForResourceHealthyAsync("node");
            Console.WriteLine($"{{ReadyMarker}} {node.Resource.GetEndpoint("https").Url}");
            await app.WaitForShutdownAsync();
            """);
    }
}
