#!/bin/sh
# Regenerates the EF Core compiled models, one per provider (a compiled model is provider-specific). Run from the
# repository root after any change to an entity or its configuration; CompiledModelTests fails until you do.
#   sh src/Buurtkracht.Core/Persistence/CompiledModels/regenerate.sh
# The design-time context comes from tests/Buurtkracht.Core.Tests/Persistence/DesignTimeDbFactory.cs. The generated
# assembly attribute (automatic discovery) is removed: with two models for one context it would pick one for both
# providers; CoreServices chooses by provider with UseModel instead.
set -e
dotnet tool restore
# Built without the old models (see Buurtkracht.Core.csproj), so an entity change that breaks them does not stop this.
dotnet build tests/Buurtkracht.Core.Tests -p:WithoutCompiledModels=true
for provider in Sqlite PostgreSql; do
  dir=src/Buurtkracht.Core/Persistence/CompiledModels/$provider
  rm -rf "$dir"
  dotnet ef dbcontext optimize --no-build --project src/Buurtkracht.Core --startup-project tests/Buurtkracht.Core.Tests \
    --context BuurtkrachtDb --output-dir Persistence/CompiledModels/$provider \
    --namespace Buurtkracht.Core.Persistence.CompiledModels.$provider -- $provider
  rm "$dir/BuurtkrachtDbAssemblyAttributes.cs"
done
