// Each browser collection starts its own site and Chromium. Run the collections one after another:
// on a shared 2-core machine, two browsers and two sites at once made timing-sensitive tests flaky.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
