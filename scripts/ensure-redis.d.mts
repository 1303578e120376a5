/** Path of Debian's redis-server binary. */
export declare const DEBIAN_REDIS_SERVER: string;
/** Returns the path of a usable redis-server, installing Debian's `redis-server` with apt-get when missing (as root). */
export declare function ensureRedis(): string;
