/** Why a configuration page cannot be shown, and what to do about it. */
export function PageProblem({ title, message }: { title: string; message: string }) {
  return (
    <section role="alert" className="mt-4 rounded-lg border border-line bg-white p-6">
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="mt-2 text-sm">{message}</p>
    </section>
  );
}
