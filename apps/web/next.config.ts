import type { NextConfig } from "next";

// The dashboard imports nothing at runtime from workspace packages (only `import type`), so no
// transpilePackages. Fonts come from the local `geist` package: the build never touches the network.
const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
};

export default nextConfig;
