// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Registre",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "RegistreCore", targets: ["RegistreCore"]),
        .executable(name: "registre", targets: ["registre"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "RegistreCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "registre",
            dependencies: [
                "RegistreCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "RegistreCoreTests",
            dependencies: ["RegistreCore"]
        ),
        .testTarget(
            name: "RegistreCLITests",
            dependencies: ["registre"]
        ),
    ]
)
