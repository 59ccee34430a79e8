// Door check-in for staff with a shared link (/door/<token>), no account needed (issue 7). Filled in by the door
// check-in work.
export default function DoorScreen({ token }: { token: string }) {
  return <main className="container">Door check-in ({token.length} characters of link)</main>;
}
