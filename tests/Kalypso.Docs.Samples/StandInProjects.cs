using Aspire.Hosting;

// In a real AppHost the Aspire SDK generates these from its project references; the samples
// compile against stand-ins with the same shape.
namespace Projects
{
    public sealed class AppHost : IProjectMetadata
    {
        public string ProjectPath => "../AppHost/AppHost.csproj";
    }

    public sealed class Api : IProjectMetadata
    {
        public string ProjectPath => "../Api/Api.csproj";
    }

    public sealed class Web : IProjectMetadata
    {
        public string ProjectPath => "../Web/Web.csproj";
    }

    public sealed class Worker : IProjectMetadata
    {
        public string ProjectPath => "../Worker/Worker.csproj";
    }
}
