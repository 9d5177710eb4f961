// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Registre",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "RegistreCore", targets: ["RegistreCore"]),
        .library(name: "RegistreStore", targets: ["RegistreStore"]),
        .library(name: "RegistreServer", targets: ["RegistreServer"]),
        .library(name: "RegistreConnectors", targets: ["RegistreConnectors"]),
        .library(name: "RegistreDiscovery", targets: ["RegistreDiscovery"]),
        .executable(name: "registre", targets: ["registre"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket.git", from: "1.6.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        .target(
            name: "RegistreCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(
            name: "RegistreStore",
            dependencies: [
                "RegistreCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "RegistreConnectors",
            dependencies: [
                "RegistreCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "RegistreDiscovery",
            dependencies: ["RegistreCore"]
        ),
        .target(
            name: "RegistreServer",
            dependencies: [
                "RegistreCore",
                "RegistreStore",
                "RegistreConnectors",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "registre",
            dependencies: [
                "RegistreCore",
                "RegistreStore",
                "RegistreServer",
                "RegistreConnectors",
                "RegistreDiscovery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "registre-fuzz",
            dependencies: ["RegistreDiscovery"],
            path: "Sources/RegistreFuzz"
        ),
        .testTarget(
            name: "RegistreCoreTests",
            dependencies: ["RegistreCore"]
        ),
        .testTarget(
            name: "RegistreStoreTests",
            dependencies: ["RegistreStore", "RegistreCore"]
        ),
        .testTarget(
            name: "RegistreConnectorsTests",
            dependencies: ["RegistreConnectors", "RegistreCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(
            name: "RegistreDiscoveryTests",
            dependencies: ["RegistreDiscovery", "RegistreCore"]
        ),
        .testTarget(
            name: "RegistreServerTests",
            dependencies: [
                "RegistreServer", "RegistreStore", "RegistreCore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(
            name: "RegistreCLITests",
            dependencies: [
                "registre",
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
    ]
)
