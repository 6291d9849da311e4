import { handleTrpcRequest } from "@/server/http/trpc";

const handler = (req: Request) => handleTrpcRequest(req);

export { handler as GET, handler as POST };
